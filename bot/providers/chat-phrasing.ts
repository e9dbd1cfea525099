/**
 * Optional answer phrasing by an OpenAI-compatible chat model: the bot still decides *which* FAQ entries
 * answer the question; the model only words a reply from those entries (grounded generation). Whenever the
 * model cannot help — it says so, refuses, times out, errors or answers in the wrong shape — the customer
 * gets the plain FAQ answer, and the result says which path was taken and why.
 */
import {
  checkSettings, isProviderError, postJson, ProviderApiError, ProviderNetworkError, ProviderResponseError,
  type FetchFn, type OpenAiSettings,
} from './openai-client.ts';

/** One FAQ entry the matcher chose, best first. */
export interface GroundingEntry {
  question: string;
  answer: string;
}

export interface PhrasingRequest {
  question: string;
  /** Matcher's top entries, best first; the first one's answer is the fallback. Must not be empty. */
  entries: readonly GroundingEntry[];
}

/** Why the plain FAQ answer was used. */
export type FallbackReason = 'cannot_answer' | 'timeout' | 'network' | 'http_error' | 'malformed';

export type PhrasingResult =
  | { path: 'model'; text: string }
  | { path: 'faq'; text: string; reason: FallbackReason; status?: number };

export interface AnswerPhraser {
  phrase(request: PhrasingRequest): Promise<PhrasingResult>;
}

export interface PhraserSettings extends OpenAiSettings {
  /** Entries passed to the model; more adds noise and cost. @defaultValue 3 */
  maxEntries?: number;
  /** Low, because the reply must restate facts, not invent. @defaultValue 0.2 */
  temperature?: number;
}

/** The model answers with exactly this when the entries do not answer the question. */
export const CANNOT_ANSWER = 'CANNOT_ANSWER';

const SYSTEM_PROMPT = [
  'You are a customer-service assistant. Answer the customer using ONLY the FAQ entries provided below.',
  'Do not add facts, prices, dates, links or promises that are not in the entries.',
  'Reply in the language of the customer\'s question, briefly and politely.',
  `If the entries do not answer the question, reply with exactly ${CANNOT_ANSWER} and nothing else.`,
].join('\n');

/** Builds a phraser; checks the settings now so a bad configuration fails at start-up. */
export function createAnswerPhraser(settings: PhraserSettings, fetchFn: FetchFn = globalThis.fetch): AnswerPhraser {
  checkSettings(settings);
  const maxEntries = settings.maxEntries ?? 3;
  return {
    async phrase({ question, entries }) {
      const top = entries.slice(0, maxEntries);
      if (top.length === 0) throw new Error('phrase() needs at least one FAQ entry to ground the answer');
      const plain = top[0]!.answer;
      try {
        const body = await postJson(settings, fetchFn, '/chat/completions', {
          model: settings.model,
          messages: buildMessages(question, top),
          temperature: settings.temperature ?? 0.2,
        });
        const reply = readReply(body);
        if (reply === undefined) return { path: 'faq', text: plain, reason: 'cannot_answer' };
        return { path: 'model', text: reply };
      } catch (error) {
        if (!isProviderError(error)) throw error;
        return { path: 'faq', text: plain, ...fallbackReason(error) };
      }
    },
  };
}

/** System prompt with the rules, then the entries and the question as the user turn. */
export function buildMessages(question: string, entries: readonly GroundingEntry[]): { role: string; content: string }[] {
  const listed = entries.map((e, i) => `[${i + 1}] Q: ${e.question}\nA: ${e.answer}`).join('\n\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `FAQ entries:\n${listed}\n\nCustomer question: ${question}` },
  ];
}

/**
 * `choices[0].message.content`, or undefined when the model declined: the sentinel, an empty reply, or
 * OpenAI's `message.refusal`. Any other shape is malformed.
 */
function readReply(body: unknown): string | undefined {
  const message = (body as { choices?: { message?: { content?: unknown; refusal?: unknown } }[] } | null)
    ?.choices?.[0]?.message;
  if (message === undefined || message === null || typeof message !== 'object') {
    throw new ProviderResponseError('chat: no choices[0].message');
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') return undefined;
  if (message.content === null) return undefined;
  if (typeof message.content !== 'string') throw new ProviderResponseError('chat: content is not a string');
  const text = message.content.trim();
  return text === '' || text.includes(CANNOT_ANSWER) ? undefined : text;
}

function fallbackReason(error: unknown): { reason: FallbackReason; status?: number } {
  if (error instanceof ProviderApiError) return { reason: 'http_error', status: error.details.status };
  if (error instanceof ProviderNetworkError) return { reason: error.timedOut ? 'timeout' : 'network' };
  return { reason: 'malformed' };
}
