/**
 * Worker-thread side of the background trainer (background-trainer.ts): trains the word-based matcher for
 * each request and posts it back as plain data. One long-lived worker, so its compiled code stays warm
 * from one retraining to the next.
 */
import { parentPort } from 'node:worker_threads';
import { trainMatcherState } from '../matcher/train.ts';
import type { TrainerReply, TrainerRequest } from './trainer-protocol.ts';

const port = parentPort;
if (!port) throw new Error('trainer-worker.ts runs as a worker thread');

port.on('message', ({ id, entries }: TrainerRequest) => {
  let reply: TrainerReply;
  try {
    reply = { id, state: trainMatcherState(entries) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
