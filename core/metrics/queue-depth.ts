import type { Db } from '../storage/database.ts';
import type { ReadQueueDepth } from './hub-metrics.ts';

/**
 * Queue depth as the database sees it: customer messages still waiting for an answer and replies still
 * waiting to go out. The database is the source of truth for both (recovery re-queues from it), it reads
 * the same on every queue backend, and a web process without a worker can answer it too.
 */
export function databaseQueueDepth(db: Db): ReadQueueDepth {
  return async () => {
    const [answer, deliver] = await Promise.all([
      db.message.count({ where: { direction: 'incoming', status: 'received' } }),
      db.message.count({ where: { direction: 'outgoing', status: 'queued' } }),
    ]);
    return { answer, deliver };
  };
}
