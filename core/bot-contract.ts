import type { Attachment } from './messages.ts';

/**
 * The decision contract between the pipeline and the bot: what the bot knows of a conversation, and what it
 * proposes for one customer message. `bot/` implements `Bot`; who actually handles the message is decided
 * afterwards by core/routing from the proposal and the message's other signals.
 */

/** One FAQ a "did you mean" reply offered, in the order shown. */
export interface OfferedFaq {
  faqId: string;
  question: string;
}

/** What the bot knows of the conversation besides the message: its previous reply, the customer's language. */
export interface ConversationContext {
  /** The FAQs it offered as "did you mean", in order: a reply picking one ("2", "第二个", its text) gets that answer. */
  offered: readonly OfferedFaq[];
  /** The FAQ it answered with, recently: matching the same FAQ again means that answer did not help. */
  answeredFaqId?: string;
  /** The customer's language as the channel reported it (Telegram's language_code), for language-less messages. */
  customerLocale?: string;
  /** What came with the message besides text (an image, a voice message…): media without words is not a question. */
  attachments?: readonly Attachment['kind'][];
  /** The FAQ the customer asked for by an action (a menu click): its answer, when the FAQ still exists. */
  chosenFaqId?: string;
}

/** What a message without words carried: an attachment's kind, or `unknown` (content the channel could not give us). */
export type MediaKind = Attachment['kind'] | 'unknown';

/** A knowledge-base entry the matcher ranked for a question, with what routing and replies need of it. */
export interface RankedFaq {
  faqId: string;
  /** Calibrated probability that this FAQ is the right answer, 0..1. */
  confidence: number;
  question: string;
  answer: string;
  category: string;
  /** The FAQ's language (`zh`, `en`, `zh-CN`…): a "did you mean" offers only entries in the customer's. */
  locale?: string;
}

export type ReplyLocale = 'zh' | 'en';

export type SmallTalkAct = 'greeting' | 'thanks' | 'goodbye' | 'acknowledgement';

/**
 * What the bot makes of one customer message — facts and candidates, not who handles it.
 * - `picked`: the message picks one FAQ of the previous "did you mean".
 * - `declined_offer`: it turns all of them down ("都不是").
 * - `small_talk`: a greeting, thanks, goodbye or acknowledgement (`text` empty when no reply is due).
 * - `matched`: a question, with the matcher's ranked candidates (best first, at most three) and whether the
 *   customer asked for a person in it.
 * - `media_only`: an image, voice message, file… without text: nothing to match.
 */
export type BotProposal = { locale: ReplyLocale } & (
  | { kind: 'picked'; faq: RankedFaq }
  | { kind: 'declined_offer' }
  | { kind: 'small_talk'; act: SmallTalkAct; text: string }
  | { kind: 'matched'; candidates: RankedFaq[]; asksForHuman: boolean }
  /** No words to match: a polite acknowledgement (`text`), and a person when the content needs one (voice without transcript). */
  | { kind: 'media_only'; media: MediaKind; text: string; toHuman: boolean }
);

/** The bot's fixed lines, in the customer's language. */
export interface BotLines {
  clarifyIntro(locale: ReplyLocale): string;
  handoffNotice(locale: ReplyLocale): string;
}

/** The bot as the pipeline uses it. */
export interface Bot {
  propose(question: string, context: ConversationContext): Promise<BotProposal>;
  /** Rewords a chosen FAQ answer (optional chat model); returns the FAQ's own answer whenever that fails. */
  phrase(question: string, answer: RankedFaq, candidates: readonly RankedFaq[]): Promise<string>;
  /** Complaint / anger risk of a customer message, 0..1. */
  complaintRisk(text: string): number;
  readonly lines: BotLines;
}
