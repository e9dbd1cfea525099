/**
 * A customer's answer to "did you mean one of these?": on channels without buttons (WeChat, email, a plain
 * web widget) customers reply "2", "第二个" or "the second one", or copy a suggestion's text. Matching such a
 * reply as a new question fails ("2" is about nothing), so the pick is read here before the matcher runs.
 * Only a reply that is nothing but the pick counts: "2 items arrived broken" is a new question.
 */
import { normalizeText } from './text/normalize.ts';

import type { OfferedFaq } from '../core/bot-contract.ts';

export type { OfferedFaq } from '../core/bot-contract.ts';

const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['first', 1], ['1st', 1], ['一', 1],
  ['two', 2], ['second', 2], ['2nd', 2], ['二', 2],
  ['three', 3], ['third', 3], ['3rd', 3], ['三', 3],
  ['four', 4], ['fourth', 4], ['4th', 4], ['四', 4],
  ['five', 5], ['fifth', 5], ['5th', 5], ['五', 5],
]);

/** Words around the number that do not change the pick: "the second one please", "no 2", "option 3". */
const ENGLISH_FILLER = new Set(['the', 'one', 'option', 'number', 'no', 'question', 'please', 'pls', 'thanks', 'i', 'mean', 'meant', 'it', 's', 'is', 'that']);
/** Chinese framing of an ordinal: "第二个", "我选第3条吧", "选2", "是第一个问题". */
const CHINESE_FRAME = /^(?:我选|选择|选|是)?第?(.+?)(?:个问题|个|条|项)?[吧呢啊]?$/u;

/** The position (1-based) a reply names, or undefined when it is more than a pick. */
function pickedPosition(normalized: string): number | undefined {
  const all = normalized.split(' ');
  // A lone "one" is a pick; around another word it is filler ("the second one").
  const words = all.length === 1 ? all : all.filter((word) => !ENGLISH_FILLER.has(word));
  if (words.length !== 1) return undefined;
  const word = CHINESE_FRAME.exec(words[0]!)?.[1] ?? words[0]!;
  if (/^[1-9]$/.test(word)) return Number(word);
  return ORDINAL_WORDS.get(word);
}

/**
 * The FAQ a reply picks from `offered`: by position (half- or full-width digits, Chinese or English
 * ordinals) or by repeating a suggestion's text; undefined when the reply is anything else.
 */
export function chosenOffer(reply: string, offered: readonly OfferedFaq[]): string | undefined {
  if (offered.length === 0) return undefined;
  const normalized = normalizeText(reply);
  if (normalized === '') return undefined;
  const byText = offered.find((offer) => normalizeText(offer.question) === normalized);
  if (byText) return byText.faqId;
  const position = pickedPosition(normalized);
  return position !== undefined && position <= offered.length ? offered[position - 1]!.faqId : undefined;
}

/** Replies that turn every suggestion down: "都不是", "none of these", "no". */
const DECLINES = new Set([
  '都不是', '都不对', '不是', '不对', '没有', '以上都不是', '都没有', '不是这些', '不是这个', '都不是我要的', '没有我要的', '其他', '其它', '别的',
  'no', 'nope', 'none', 'neither', 'none of these', 'none of them', 'none of those', 'not these', 'not that', 'no thanks', 'other', 'something else',
]);

/** Whether a reply to "did you mean" says none of the suggestions is it. */
export function declinesOffer(reply: string): boolean {
  return DECLINES.has(normalizeText(reply).replace(/[啊呀吧呢哦]$/u, ''));
}
