/**
 * Worker-thread side of the meaning matcher (meaning-matcher.ts): the first request trains the matcher on
 * the FAQ's phrasings and their vectors, the following ones match questions. Training takes seconds to a
 * minute of CPU, which on the hub's main thread would stall every webhook and job meanwhile.
 */
import { answerRequests } from '../../core/runtime/worker-requests.ts';
import { trainVectorMatcher, type VectorMatcher } from '../matcher/train.ts';
import type { MatchCandidate } from '../matcher/types.ts';
import type { MeaningWorkerRequest } from './matcher-worker-protocol.ts';

let matcher: VectorMatcher | undefined;

answerRequests<MeaningWorkerRequest, MatchCandidate[]>((request) => {
  if (request.kind === 'train') {
    const vectorByText = new Map(request.texts.map((text, i) => [text, request.vectors[i]!]));
    matcher = trainVectorMatcher(request.entries, (text) => vectorByText.get(text));
    return [];
  }
  if (!matcher) throw new Error('match before train');
  return matcher.match(request.text, request.vector, request.limit).candidates;
});
