/**
 * The detector's raw risk, calibrated for customer-service messages (issue 19). Trained on reviews and
 * complaints, it reads any short or neutral message as fairly risky ("where is my order?" 0.72, "none of
 * these" 0.77, "1" 0.56). Measured on test/bot/emotion/cs-messages.ts: a message with no negative cue is
 * scaled down (and a short one further), so only messages that say something negative reach the routing
 * threshold (DEFAULT_COMPLAINT_RISK_TO_HUMAN).
 */
import type { ComplaintScore } from './detector.ts';

/** Without a negative cue a message keeps this share of its raw risk… */
export const NO_CUE_FACTOR = 0.6;
/** …and a short one (fewer than this many characters, emoji and spaces not counted) less still. */
export const SHORT_MESSAGE_CHARS = 8;
export const SHORT_FACTOR = 0.4;

export function calibratedRisk(text: string, score: ComplaintScore): number {
  if (score.cues.length > 0) return score.risk;
  const letters = [...text.replace(/[\s\p{Extended_Pictographic}\p{P}\p{S}]/gu, '')].length;
  return score.risk * (letters < SHORT_MESSAGE_CHARS ? SHORT_FACTOR : NO_CUE_FACTOR);
}
