/**
 * Worker-thread side of the meaning matcher (meaning-worker-client.ts): trains the matcher on the
 * phrasings and vectors it is started with, says so, then answers match requests. Training takes seconds
 * to a minute of CPU, which on the hub's main thread would stall every webhook and job meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainVectorMatcher } from '../matcher/train.ts';
import type { MatcherWorkerData, WorkerReply, WorkerRequest } from './matcher-worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('matcher-worker.ts runs as a worker thread');

const { entries, texts, vectors } = workerData as MatcherWorkerData;
const vectorByText = new Map(texts.map((text, i) => [text, vectors[i]!]));
const matcher = trainVectorMatcher(entries, (text) => vectorByText.get(text));
vectorByText.clear();
port.postMessage({ kind: 'ready' } satisfies WorkerReply);

port.on('message', ({ id, text, vector, limit }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { kind: 'match', id, candidates: matcher.match(text, vector, limit).candidates };
  } catch (error) {
    reply = { kind: 'match', id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
