import type { KnowledgeSnapshot } from './knowledge-base.ts';
import type { MatchCandidate } from './matcher/types.ts';
import type { SmallTalkAct } from './small-talk.ts';

export interface AnswerThresholds {
  /** At or above: the bot answers on its own. */
  answerThreshold: number;
  /** At or above (but below answerThreshold): the bot asks "did you mean …?". Below: a human takes over. */
  suggestThreshold: number;
  /**
   * When the runner-up's confidence reaches this share of the best one's, the bot asks "did you mean" even
   * at or above answerThreshold: its answer would be right only about 60% of the time (bot/eval/README.md).
   * 0 turns it off.
   */
  closeRunnerUp: number;
}

/** The product's defaults (ANSWER_THRESHOLD, SUGGEST_THRESHOLD, CLOSE_RUNNER_UP); the eval CLI measures these. */
export const DEFAULT_THRESHOLDS: AnswerThresholds = { answerThreshold: 0.5, suggestThreshold: 0.2, closeRunnerUp: 0.3 };

/** Which of the three replies ranked candidates call for, and the candidates a "did you mean" offers. */
export type Tier = { kind: 'answer'; best: MatchCandidate } | { kind: 'clarify'; offered: MatchCandidate[] } | { kind: 'escalate' };

/** Answer, "did you mean", or a human, from the matcher's candidates (best first) alone. */
export function tierOf(candidates: readonly MatchCandidate[], thresholds: AnswerThresholds): Tier {
  const [top, runnerUp] = candidates;
  if (!top || top.confidence < thresholds.suggestThreshold) return { kind: 'escalate' };
  const close = thresholds.closeRunnerUp > 0 && runnerUp !== undefined && runnerUp.confidence >= thresholds.closeRunnerUp * top.confidence;
  if (top.confidence >= thresholds.answerThreshold && !close) return { kind: 'answer', best: top };
  // Every candidate (the matcher is asked for three): offering only those above half the suggest threshold
  // held the right FAQ 85.8% of the time on HWU64, all three 95.5% (bot/eval/README.md).
  return { kind: 'clarify', offered: [...candidates] };
}

/** What the bot does with one customer message. */
export type BotDecision =
  | {
      kind: 'answer';
      text: string;
      faqId: string;
      confidence: number;
      /** Set when the customer picked this FAQ from a "did you mean" rather than the matcher finding it. */
      pickedFromOffer?: true;
    }
  | { kind: 'clarify'; text: string; suggestions: string[]; candidates: MatchCandidate[]; confidence: number }
  | { kind: 'escalate'; text: string; candidates: MatchCandidate[]; confidence: number; reason: EscalationReason }
  /** A greeting, thanks, goodbye or acknowledgement (bot/small-talk.ts); `text` is empty when no reply is due. */
  | { kind: 'small_talk'; act: SmallTalkAct; text: string; confidence: number };

/**
 * Why the bot hands a message to a person: no FAQ fits well enough, the customer asked for one, asked again
 * what the bot had just answered, or turned down every "did you mean" suggestion.
 */
export type EscalationReason = 'low_confidence' | 'customer_asked' | 'answer_repeated' | 'suggestions_declined';

export type ReplyLocale = 'zh' | 'en';

const CLARIFY_INTRO: Record<ReplyLocale, string> = {
  zh: '您是想问以下哪个问题？',
  en: 'Did you mean one of these?',
};

const HANDOFF_NOTICE: Record<ReplyLocale, string> = {
  zh: '这个问题我先转给人工客服，稍后会有同事回复您。',
  en: "I've passed your question to our team; a person will follow up here shortly.",
};

/** What the bot says back to small talk; an acknowledgement ("ok", "好的") needs no reply. */
const SMALL_TALK_REPLY: Record<Exclude<SmallTalkAct, 'acknowledgement'>, Record<ReplyLocale, string>> = {
  greeting: { zh: '您好，请问有什么可以帮您？', en: 'Hello! How can I help you?' },
  thanks: { zh: '不客气，还有其他问题随时问我。', en: "You're welcome! Anything else, just ask." },
  goodbye: { zh: '感谢您的咨询，再见！', en: 'Thanks for getting in touch. Goodbye!' },
};

/** The reply to small talk, in the customer's language. */
export function smallTalkReply(message: string, act: SmallTalkAct, localeHint?: string): Extract<BotDecision, { kind: 'small_talk' }> {
  return { kind: 'small_talk', act, text: act === 'acknowledgement' ? '' : SMALL_TALK_REPLY[act][replyLocaleOf(message, localeHint)], confidence: 1 };
}

/**
 * Chinese characters anywhere mean a Chinese reply; customers mixing in English words still read Chinese.
 * A message with no words of either ("/start", "👍", "?") is answered in the customer's language as the
 * channel reported it (`localeHint`, e.g. Telegram's "zh-hans"), English without one.
 */
export function replyLocaleOf(text: string, localeHint?: string): ReplyLocale {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  const words = text.replace(/^\/\w+(?:@\w+)?/u, '');
  if (/\p{L}/u.test(words)) return 'en';
  return localeHint?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Picks answer, "did you mean", or handoff for one question. Pure: the snapshot is already trained. */
export function composeReply(question: string, knowledge: KnowledgeSnapshot, thresholds: AnswerThresholds): BotDecision {
  return replyFromCandidates(question, knowledge.matcher.match(question, 3).candidates, knowledge, thresholds);
}

/**
 * The same decision from candidates already ranked by the matcher (with or without sentence vectors).
 * Candidates whose FAQ left the snapshot are dropped.
 */
export function replyFromCandidates(
  question: string,
  ranked: readonly MatchCandidate[],
  knowledge: KnowledgeSnapshot,
  thresholds: AnswerThresholds,
): BotDecision {
  const locale = replyLocaleOf(question);
  const candidates = ranked.filter((candidate) => knowledge.entries.has(candidate.faqId));
  const confidence = candidates[0]?.confidence ?? 0;
  const tier = tierOf(candidates, thresholds);
  if (tier.kind === 'answer') {
    const entry = knowledge.entries.get(tier.best.faqId)!;
    return { kind: 'answer', text: entry.answer, faqId: entry.id, confidence };
  }
  if (tier.kind === 'clarify') {
    const suggestions = tier.offered.map((candidate) => knowledge.entries.get(candidate.faqId)!.question);
    return { kind: 'clarify', text: CLARIFY_INTRO[locale], suggestions, candidates: tier.offered, confidence };
  }
  return handOver(question, candidates, 'low_confidence');
}

/** The handoff reply, in the customer's language, with the candidates kept as suggestions for the agent. */
export function handOver(question: string, candidates: readonly MatchCandidate[], reason: EscalationReason): Extract<BotDecision, { kind: 'escalate' }> {
  return { kind: 'escalate', text: HANDOFF_NOTICE[replyLocaleOf(question)], candidates: [...candidates], confidence: candidates[0]?.confidence ?? 0, reason };
}
