/**
 * Worker-thread side of the background trainer (background-trainer.ts): trains the word-based matcher on
 * the features the hub's thread extracted, and posts it back as plain data. It never tokenizes, so it never
 * loads the tokenizer's dictionaries (bot/text/normalize.ts loads them on first use).
 */
import { answerRequests } from '../../core/runtime/worker-requests.ts';
import { defaultMatcherOptions, trainMatcherState, type MatcherState } from '../matcher/index.ts';
import { unpackFeatures } from './packed-features.ts';
import type { TrainingRequest } from './trainer-worker-protocol.ts';

answerRequests<TrainingRequest, MatcherState>(({ entries, features }) => trainMatcherState(entries, defaultMatcherOptions, unpackFeatures(features)));
