import { describeJobQueueContract } from './contract.ts';
import { freshNames, makePostgresQueue, obliteratePostgresQueue } from './bullmq-test-env.ts';

let queueNames: string[] = [];

describeJobQueueContract(
  'BullMQ on PostgreSQL',
  () => {
    const names = freshNames();
    queueNames.push(names.queueName);
    return makePostgresQueue(names);
  },
  {
    teardown: async () => {
      await Promise.all(queueNames.map(obliteratePostgresQueue));
      queueNames = [];
    },
  },
);
