/**
 * Worker-thread side of the background trainer (background-trainer.ts): trains the word-based matcher for
 * each request and posts it back as plain data. One long-lived worker, so its compiled code stays warm
 * from one retraining to the next.
 */
import { answerRequests } from '../../core/runtime/worker-requests.ts';
import { trainMatcherState, type MatcherState, type FaqTrainingEntry } from '../matcher/index.ts';

answerRequests<FaqTrainingEntry[], MatcherState>((entries) => trainMatcherState(entries));
