/**
 * Worker-thread side of the meaning matcher (meaning-matcher.ts): the first request trains the matcher on
 * the FAQ's phrasings and their vectors, the following ones match questions. Training takes seconds to a
 * minute of CPU, which on the hub's main thread would stall every webhook and job meanwhile.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { answerRequests } from '../../core/runtime/worker-requests.ts';
import { defaultMatcherOptions, trainVectorMatcherState, vectorMatcherFromState, type VectorMatcher, type VectorMatcherState, type MatchCandidate } from '../matcher/index.ts';
import { unpackFeatures } from '../training/packed-features.ts';
import type { MeaningWorkerRequest } from './matcher-worker-protocol.ts';

let matcher: VectorMatcher | undefined;

answerRequests<MeaningWorkerRequest, MatchCandidate[]>((request) => {
  if (request.kind === 'train') {
    const stored = request.modelFile ? readModel(request.modelFile) : undefined;
    const vectorByText = new Map(request.texts.map((text, i) => [text, request.vectors[i]!]));
    const features = request.features && unpackFeatures(request.features);
    const state = stored ?? trainVectorMatcherState(request.entries, (text) => vectorByText.get(text), defaultMatcherOptions, features);
    if (request.modelFile && !stored) writeModel(request.modelFile, state);
    matcher = vectorMatcherFromState(state);
    return [];
  }
  if (!matcher) throw new Error('match before train');
  return matcher.match(request.features, request.vector, request.limit).candidates;
});

/** A stored model, or undefined when there is none or it cannot be read (then it is trained again). */
function readModel(file: string): VectorMatcherState | undefined {
  try {
    return deserialize(readFileSync(file)) as VectorMatcherState;
  } catch {
    return undefined;
  }
}

/** Best effort, written aside and renamed so no reader sees half a file: a cache that fails costs time only. */
function writeModel(file: string, state: VectorMatcherState): void {
  try {
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, serialize(state));
    renameSync(partial, file);
  } catch {
    // The next process trains again.
  }
}
