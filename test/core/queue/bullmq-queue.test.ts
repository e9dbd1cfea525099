import { describeJobQueueContract } from './contract.ts';
import { deleteRedisKeys, freshNames, makeRedisQueue } from './bullmq-test-env.ts';

let prefixes: string[] = [];

describeJobQueueContract(
  'BullMQ on Redis',
  () => {
    const names = freshNames();
    prefixes.push(names.prefix);
    return makeRedisQueue(names);
  },
  {
    teardown: async () => {
      await Promise.all(prefixes.map(deleteRedisKeys));
      prefixes = [];
    },
  },
);
