/**
 * The bot's answer to one question: match (reading the question's sentence vector too when an encoder is
 * configured and its matcher is ready), decide (answer / "did you mean" / human), optionally reword the
 * chosen answer with a chat model. Encoder and chat model are optional; whenever one fails, the answer is
 * exactly what the plain matcher would give. Around the matcher sit the conversation's own rules: a pick
 * from the last "did you mean" is answered and a refusal of all of them handed over, small talk gets a
 * short reply, and a request for a person or a question the bot has just answered goes to a person.
 */
import type { Logger } from '../core/logger.ts';
import { handOver, replyFromCandidates, smallTalkReply, type AnswerThresholds, type BotDecision } from './compose-reply.ts';
import { asksForHuman } from './human-request.ts';
import { smallTalkOf } from './small-talk.ts';
import type { KnowledgeSnapshot } from './knowledge-base.ts';
import type { MatchCandidate } from './matcher/types.ts';
import type { AnswerPhraser } from './providers/chat-phrasing.ts';
import type { MeaningIndex } from './meaning/meaning-index.ts';
import type { SentenceEncoder } from './meaning/sentence-encoder.ts';
import { chosenOffer, declinesOffer, type OfferedFaq } from './offered-choice.ts';

export interface AnswerEngineOptions {
  /** The current trained knowledge base (a KnowledgeBase in the hub). */
  knowledge: { current(): Promise<KnowledgeSnapshot> };
  logger: Logger;
  /** The sentence encoder (MATCHER_ENCODER or AI_EMBEDDINGS_MODEL) and the matchers built with it. */
  meaning?: { encoder: SentenceEncoder; index: MeaningIndex };
  phraser?: AnswerPhraser;
}

/** Candidates considered: the best and the runner-ups a "did you mean" or a handoff offers. */
const CANDIDATES = 3;

/** What the bot knows of the conversation besides the message: its previous reply, the customer's language. */
export interface ConversationContext {
  /** The FAQs it offered as "did you mean", in order: a reply picking one ("2", "第二个", its text) gets that answer. */
  offered: readonly OfferedFaq[];
  /** The FAQ it answered with, recently: matching the same FAQ again means that answer did not help. */
  answeredFaqId?: string;
  /** The customer's language as the channel reported it (Telegram's language_code), for language-less messages. */
  customerLocale?: string;
}

export type AnswerEngine = (question: string, thresholds: AnswerThresholds, context?: ConversationContext) => Promise<BotDecision>;

export function createAnswerEngine(options: AnswerEngineOptions): AnswerEngine {
  return async (question, thresholds, context = { offered: [] }) => {
    const snapshot = await options.knowledge.current();
    const pickedId = chosenOffer(question, context.offered);
    const picked = pickedId === undefined ? undefined : snapshot.entries.get(pickedId);
    // The customer chose it: as sure as the bot can be. An FAQ deleted since the offer is matched as usual.
    if (picked) return { kind: 'answer', text: picked.answer, faqId: picked.id, confidence: 1, pickedFromOffer: true };
    // "都不是" / "none of these": the question behind the offer is already filed as unanswered.
    if (context.offered.length > 0 && declinesOffer(question)) return handOver(question, [], 'suggestions_declined');
    const smallTalk = smallTalkOf(question);
    if (smallTalk) return smallTalkReply(question, smallTalk, context.customerLocale);
    const candidates: MatchCandidate[] = options.meaning
      ? await matchWithMeaning(question, snapshot, options.meaning, options.logger)
      : snapshot.matcher.match(question, CANDIDATES).candidates;
    const known = candidates.filter((candidate) => snapshot.entries.has(candidate.faqId));
    // Still matched: whatever else the message says becomes the agent's suggestions.
    if (asksForHuman(question)) return handOver(question, known, 'customer_asked');
    const decision = replyFromCandidates(question, known, snapshot, thresholds);
    // The customer asks again what the bot just answered: the same answer again would go round in a circle.
    if (decision.kind === 'answer' && decision.faqId === context.answeredFaqId) return handOver(question, known, 'answer_repeated');
    if (decision.kind !== 'answer' || !options.phraser) return decision;
    return phrase(question, decision, candidates, snapshot, options.phraser, options.logger);
  };
}

/** The matcher with meaning where the encoder covers the question and its model is ready; the lexical matcher otherwise. */
async function matchWithMeaning(
  question: string,
  snapshot: KnowledgeSnapshot,
  meaning: NonNullable<AnswerEngineOptions['meaning']>,
  logger: Logger,
): Promise<MatchCandidate[]> {
  const matcher = meaning.encoder.covers(question) ? meaning.index.forSnapshot(snapshot) : undefined;
  if (!matcher) return snapshot.matcher.match(question, CANDIDATES).candidates;
  let vector: Float32Array | undefined;
  try {
    [vector] = await meaning.encoder.embed([question]);
  } catch (error) {
    logger.warn({ err: error, encoder: meaning.encoder.name }, 'sentence encoder failed; lexical matcher alone');
    return snapshot.matcher.match(question, CANDIDATES).candidates;
  }
  try {
    return await matcher.match(question, vector, CANDIDATES);
  } catch (error) {
    logger.warn({ err: error, encoder: meaning.encoder.name }, 'meaning matcher failed; lexical matcher alone');
    return snapshot.matcher.match(question, CANDIDATES).candidates;
  }
}

async function phrase(
  question: string,
  decision: Extract<BotDecision, { kind: 'answer' }>,
  candidates: readonly MatchCandidate[],
  snapshot: KnowledgeSnapshot,
  phraser: AnswerPhraser,
  logger: Logger,
): Promise<BotDecision> {
  // The chosen entry first: its answer is the fallback and the model's main source.
  const ids = [decision.faqId, ...candidates.map((candidate) => candidate.faqId).filter((id) => id !== decision.faqId)];
  const entries = ids.flatMap((id) => {
    const entry = snapshot.entries.get(id);
    return entry ? [{ question: entry.question, answer: entry.answer }] : [];
  });
  const result = await phraser.phrase({ question, entries });
  if (result.path === 'faq') logger.info({ reason: result.reason, status: result.status }, 'chat phrasing not used; plain FAQ answer');
  return { ...decision, text: result.text };
}
