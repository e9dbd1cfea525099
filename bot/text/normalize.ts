/**
 * Text normalization and tokenization shared by every text feature in the bot (matcher, emotion, risk).
 * One place decides what "the same text" means, so a full-width, traditional-Chinese or upper-case variant
 * of a question reaches the same features as the plain one. Keep the output stable: trained models and
 * other modules depend on it.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

interface Dictionaries {
  toSimplified: (text: string) => string;
  jieba: Jieba;
}

let dictionaries: Dictionaries | undefined;

/**
 * The converter tables and jieba's dictionary (about 60 MB), built once on first use, not at import: the
 * hub's worker threads import the matcher but get features already extracted (bot/training/,
 * bot/meaning/), so they never pay for them. Required synchronously because tokenizing is synchronous.
 */
function loadDictionaries(): Dictionaries {
  if (!dictionaries) {
    const OpenCC = require('opencc-js') as typeof import('opencc-js');
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    dictionaries = { toSimplified: OpenCC.Converter({ from: 't', to: 'cn' }), jieba: Jieba.withDict(dict) };
  }
  return dictionaries;
}

/** Anything that is not a letter, a number or a combining mark separates words. */
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
/**
 * Emoji and what builds them: pictographs, skin tones, flags, tag sequences, and the invisible joiners and
 * selectors. A selector (U+FE0F) is a combining mark, so NON_WORD alone kept it as a stray word: "☹️ 我的快递呢"
 * then matched worse than the plain words. Keycap digits ("1️⃣") keep their digit.
 */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\u20e3\ufe0e\ufe0f\u{e0020}-\u{e007f}]+/gu;
/** Han characters (plus the iteration mark) form runs that jieba segments. */
const HAN_RUN = /[\p{Script=Han}々〇]+/gu;

/** The text with emoji replaced by spaces: what a customer says, without how they decorate it. */
export function withoutEmoji(text: string): string {
  return text.replace(EMOJI, ' ');
}

/**
 * Canonical form of a text for matching: emoji dropped, NFKC (full-width → half-width, compatibility forms),
 * lower case, traditional → simplified Chinese, punctuation and symbols → space, whitespace collapsed and trimmed.
 */
export function normalizeText(text: string): string {
  const nfkc = withoutEmoji(text).normalize('NFKC').toLowerCase();
  return loadDictionaries().toSimplified(nfkc).replace(NON_WORD, ' ').trim();
}

/**
 * Normalized words: Chinese runs segmented by jieba, other runs (Latin words, numbers) split on spaces.
 * Mixed text such as "iphone怎么退货" yields ["iphone", "怎么", "退货"].
 */
export function tokenize(text: string): string[] {
  const { jieba } = loadDictionaries();
  const tokens: string[] = [];
  for (const chunk of normalizeText(text).split(' ')) {
    if (chunk === '') continue;
    let last = 0;
    for (const m of chunk.matchAll(HAN_RUN)) {
      const start = m.index ?? 0;
      if (start > last) tokens.push(chunk.slice(last, start));
      for (const word of jieba.cut(m[0], true)) if (word.trim() !== '') tokens.push(word);
      last = start + m[0].length;
    }
    if (last < chunk.length) tokens.push(chunk.slice(last));
  }
  return tokens;
}
