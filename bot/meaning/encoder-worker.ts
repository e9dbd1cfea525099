/**
 * Worker-thread side of the in-process sentence encoder (worker-encoder.ts). The model's inference is
 * about 8 ms of CPU per text in WebAssembly; on the hub's main thread it was a third of all busy time and
 * held every webhook behind it (ack dropped from 73/s to 9/s). Here it only costs a core.
 */
import { answerRequests } from '../../core/runtime/worker-requests.ts';
import type { EncoderWorkerRequest } from './encoder-worker-protocol.ts';
import { loadUseLiteEncoder } from './use-lite-encoder.ts';

const loading = loadUseLiteEncoder();

answerRequests<EncoderWorkerRequest, Float32Array[]>(async (request) => {
  const encoder = await loading;
  return request.kind === 'load' ? [] : await encoder.embed(request.texts);
});
