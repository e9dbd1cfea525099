/**
 * Messages that are only small talk: "你好", "在吗", "hi", "谢谢", "ok", "bye", "👍". Matched as questions
 * they fit no FAQ, so the bot handed every "hi" to a person — who then owned the conversation while the
 * customer's real question, one message later, waited for them. Recognised here, greetings and thanks get
 * a short reply, goodbyes a closing line, and acknowledgements none. A message with anything else in it
 * ("你好，我想退货") is a question and is matched as usual.
 */
import { normalizeText } from './text/normalize.ts';

export type { SmallTalkAct } from '../core/bot-contract.ts';
import type { SmallTalkAct } from '../core/bot-contract.ts';

/** The phrases of each act, normalized (lower case, simplified, no punctuation). */
const PHRASES: Record<SmallTalkAct, readonly string[]> = {
  greeting: [
    '你好', '您好', '你好呀', '哈喽', '嗨', '亲', '亲亲', '早上好', '上午好', '中午好', '下午好', '晚上好', '早', '在吗', '在不在', '有人吗', '有人在吗', '客服在吗', '在么', '请问',
    'hi', 'hello', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'anyone there', 'is anyone there', 'are you there', 'there', 'yo',
  ],
  thanks: [
    '谢谢', '谢谢你', '谢谢您', '多谢', '谢啦', '感谢', '非常感谢', '太感谢了',
    'thanks', 'thank you', 'thank you very much', 'thank you so much', 'thanks a lot', 'thanks so much', 'many thanks', 'thx', 'ty', 'cheers',
  ],
  goodbye: ['再见', '拜拜', '拜', '88', 'bye', 'goodbye', 'bye bye', 'see you', 'see ya'],
  acknowledgement: [
    '好的', '好', '好吧', '好滴', '嗯', '嗯嗯', '哦', '哦哦', '噢', '知道了', '明白了', '明白', '收到', '行', '可以', '没问题', '没问题了', '没事了', '不用了', '了解',
    'ok', 'okay', 'k', 'got it', 'cool', 'great', 'alright', 'sure', 'fine', 'noted', 'understood', 'no problem',
  ],
};

/** When a message mixes acts, the one that needs an answer most wins: "好的谢谢" is thanks. */
const PRIORITY: readonly SmallTalkAct[] = ['greeting', 'thanks', 'goodbye', 'acknowledgement'];

const ACT_OF = new Map<string, SmallTalkAct>(PRIORITY.flatMap((act) => PHRASES[act].map((phrase) => [phrase, act] as const)));
/** Longest first, so "谢谢你" is one phrase rather than "谢谢" followed by an unknown "你". */
const BY_LENGTH = [...ACT_OF.keys()].sort((a, b) => b.length - a.length);
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** Telegram sends "/start" (maybe "/start@shop_bot", or with a deep-link payload) when a customer first opens a bot. */
const TELEGRAM_START = /^\/start(?:@\w+)?(?:\s|$)/u;

const HAN = /\p{Script=Han}/u;

/** Whether `phrase` ends a unit at `end` of `text`: Chinese needs no boundary, Latin text a space or its end. */
function endsUnit(text: string, end: number, phrase: string): boolean {
  const next = text[end];
  return next === undefined || next === ' ' || HAN.test(phrase.at(-1)!) || HAN.test(next);
}

/** Splits `text` into known phrases, longest first, or returns undefined when any part is not small talk. */
function phrasesOf(text: string): string[] | undefined {
  const found: string[] = [];
  let at = 0;
  while (at < text.length) {
    const phrase = BY_LENGTH.find((candidate) => text.startsWith(candidate, at) && endsUnit(text, at + candidate.length, candidate));
    if (!phrase) return undefined;
    found.push(phrase);
    at += phrase.length;
    while (text[at] === ' ') at++;
  }
  return found;
}

/** The act a message performs when it is nothing but small talk; undefined for anything else. */
export function smallTalkOf(message: string): SmallTalkAct | undefined {
  if (TELEGRAM_START.test(message.trim())) return 'greeting';
  const normalized = normalizeText(message);
  // Emoji alone ("👍", "🙏") acknowledge; an empty text (a picture, a file) is not small talk.
  if (normalized === '') return PICTOGRAPH.test(message) ? 'acknowledgement' : undefined;
  const phrases = phrasesOf(normalized);
  if (!phrases) return undefined;
  const acts = new Set(phrases.map((phrase) => ACT_OF.get(phrase)!));
  return PRIORITY.find((act) => acts.has(act));
}
