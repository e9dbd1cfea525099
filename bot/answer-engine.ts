/**
 * The bot's reading of one question: match (reading the question's sentence vector too when an encoder is
 * configured and its matcher is ready), and recognise the conversation's own moves around the matcher — a
 * pick from the last "did you mean", a refusal of all of them, small talk, a request for a person. It
 * proposes; core/routing decides who handles the message. The optional chat model rewords a chosen answer
 * afterwards (`phrase`); whenever encoder or model fail, the result is exactly what the plain matcher gives.
 */
import type { BotProposal, ConversationContext, MediaKind, RankedFaq } from '../core/bot-contract.ts';
import type { Logger } from '../core/logger.ts';
import { replyLocaleOf, smallTalkText } from './compose-reply.ts';
import { asksForHuman } from './human-request.ts';
import { mediaNeedsPerson, mediaReplyText } from './media-reply.ts';
import { smallTalkOf } from './small-talk.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from './knowledge-base.ts';
import type { MatchCandidate } from './matcher/index.ts';
import type { AnswerPhraser } from './providers/chat-phrasing.ts';
import type { MeaningIndex } from './meaning/meaning-index.ts';
import type { SentenceEncoder } from './meaning/sentence-encoder.ts';
import { chosenOffer, declinesOffer } from './offered-choice.ts';
import { boundedText } from './text/bounded.ts';
import { withoutEmoji } from './text/normalize.ts';

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

export interface AnswerEngine {
  propose(question: string, context?: ConversationContext): Promise<BotProposal>;
  phrase(question: string, answer: RankedFaq, candidates: readonly RankedFaq[]): Promise<string>;
}

export function createAnswerEngine(options: AnswerEngineOptions): AnswerEngine {
  return {
    async propose(fullQuestion, context = { offered: [] }) {
      // Everything below grows with the text's length; a pasted log must not hold the worker for seconds.
      const question = boundedText(fullQuestion);
      if (question.trim() === '') return mediaOnly(context);
      const snapshot = await options.knowledge.current();
      const locale = replyLocaleOf(question, context.customerLocale);
      const pickedId = context.chosenFaqId ?? chosenOffer(question, context.offered);
      const picked = pickedId === undefined ? undefined : snapshot.entries.get(pickedId);
      // An FAQ deleted since the offer is matched as usual.
      if (picked) return { kind: 'picked', faq: ranked(picked, 1), locale };
      if (context.offered.length > 0 && declinesOffer(question)) return { kind: 'declined_offer', locale };
      const smallTalk = smallTalkOf(question);
      if (smallTalk) return { kind: 'small_talk', act: smallTalk, text: smallTalkText(smallTalk, locale), locale };
      // Emoji around the words change neither the words nor the question: the sentence encoder reads the raw
      // text, so it gets the words alone, as the lexical features already do (bot/text/normalize.ts).
      const words = withoutEmoji(question).trim();
      const matched: MatchCandidate[] = options.meaning
        ? await matchWithMeaning(words, snapshot, options.meaning, options.logger)
        : snapshot.matcher.match(words, CANDIDATES).candidates;
      const candidates = matched.flatMap((candidate) => {
        const entry = snapshot.entries.get(candidate.faqId);
        return entry ? [ranked(entry, candidate.confidence)] : [];
      });
      return { kind: 'matched', candidates, asksForHuman: asksForHuman(question), locale };
    },
    async phrase(question, answer, candidates) {
      if (!options.phraser) return answer.answer;
      // The chosen entry first: its answer is the fallback and the model's main source.
      const entries = [answer, ...candidates.filter((candidate) => candidate.faqId !== answer.faqId)].map(({ question: q, answer: a }) => ({ question: q, answer: a }));
      const result = await options.phraser.phrase({ question, entries });
      if (result.path === 'faq') options.logger.info({ reason: result.reason, status: result.status }, 'chat phrasing not used; plain FAQ answer');
      return result.text;
    },
  };
}

/** A message without words: nothing to match, whatever it carried. */
function mediaOnly(context: ConversationContext): BotProposal {
  const media: MediaKind = context.attachments?.[0] ?? 'unknown';
  const hinted = context.customerLocale ? replyLocaleOf('', context.customerLocale) : undefined;
  return { kind: 'media_only', media, text: mediaReplyText(media, hinted), toHuman: mediaNeedsPerson(media), locale: hinted ?? 'zh' };
}

function ranked(entry: KnowledgeEntry, confidence: number): RankedFaq {
  return { faqId: entry.id, confidence, question: entry.question, answer: entry.answer, category: entry.category, locale: entry.locale };
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
