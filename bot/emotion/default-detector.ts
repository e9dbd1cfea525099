/**
 * The detector used when an operator has not trained one: the shipped bilingual examples plus the lexicon
 * cues as features. Built lazily on first use (about 50 ms) so importing the module costs nothing.
 */
import { DEFAULT_COMPLAINT_EXAMPLES } from './default-examples.ts';
import { trainComplaintDetector, type ComplaintDetector } from './detector.ts';

let built: ComplaintDetector | undefined;

/**
 * Ready-to-use complaint detector (Chinese and English). Expect it to catch explicit complaints and anger;
 * for a domain's subtler negatives, train one on that domain's own labelled messages.
 */
export const defaultComplaintDetector: ComplaintDetector = {
  score(text) {
    built ??= trainComplaintDetector(DEFAULT_COMPLAINT_EXAMPLES, { epochs: 30 });
    return built.score(text);
  },
};
