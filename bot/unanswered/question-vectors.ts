/**
 * TF-IDF vectors for short customer questions, weighted over the batch being grouped so that words every
 * question shares ("请问", "how", "my") count for little and the topic words decide similarity.
 */
import { normalizeText, tokenize } from '../text/normalize.ts';

/** Sparse unit vector: feature ids ascending, with their weights. */
export interface QuestionVector {
  ids: Int32Array;
  weights: Float64Array;
}

const HAN = /\p{Script=Han}/u;

/**
 * Question and function words that say nothing about the topic; without them "怎么退款" and "如何退款", or
 * "how do I reset my password" and "reset password", become the same question.
 */
const FUNCTION_WORDS = new Set([
  '请问', '问下', '问一下', '想问', '怎么', '如何', '怎样', '怎么样', '咋', '能', '能否', '可以', '可不可以', '吗', '呢',
  '吧', '啊', '呀', '了', '的', '地', '得', '是', '不是', '我', '我们', '你', '你们', '您', '他', '要', '想', '一下', '有没有',
  'how', 'do', 'does', 'did', 'can', 'could', 'i', 'me', 'my', 'you', 'your', 'we', 'our', 'is', 'are', 'am',
  'the', 'a', 'an', 'to', 'of', 'for', 'in', 'on', 'it', 'please', 'what', 'where', 'when', 'why', 'which',
  'there', 'any', 'be', 'will', 'would', 'should', 'hi', 'hello', 'want', 'need', 'and', 'or', 'with',
]);

/** Crude English stemming (shipping → ship, orders → order) so inflections meet; Chinese is untouched. */
function stem(word: string): string {
  if (!/^[a-z]{5,}$/.test(word)) return word;
  const base = word.replace(/(ing|ed|es|s)$/, '');
  return /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base;
}

/**
 * Words plus Chinese character bigrams: words give English and well-segmented Chinese, bigrams catch
 * Chinese paraphrases that jieba splits differently ("退款多久到账" / "退款到账要多久").
 */
export function questionTerms(text: string): string[] {
  const words = tokenize(text).filter((w) => !FUNCTION_WORDS.has(w));
  const terms = new Set(words.map((w) => `w:${stem(w)}`));
  for (const word of words) {
    const chars = Array.from(word);
    for (let i = 0; i + 1 < chars.length; i++) {
      if (HAN.test(chars[i]!) && HAN.test(chars[i + 1]!)) terms.add(`c:${chars[i]}${chars[i + 1]}`);
    }
  }
  return [...terms];
}

/** Builds one unit TF-IDF vector per term list; term ids are shared across the batch. */
export function tfidfVectors(termLists: readonly (readonly string[])[]): QuestionVector[] {
  const ids = new Map<string, number>();
  const df: number[] = [];
  const idLists = termLists.map((terms) =>
    terms.map((t) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
        df.push(0);
      }
      df[id]!++;
      return id;
    }),
  );
  const n = termLists.length;
  return idLists.map((list) => {
    const sorted = Int32Array.from(list).sort();
    const weights = Float64Array.from(sorted, (id) => Math.log(1 + n / df[id]!));
    const norm = Math.hypot(...weights) || 1;
    for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { ids: sorted, weights };
  });
}

/** Cosine of two unit vectors by merging their sorted ids. */
export function cosine(a: QuestionVector, b: QuestionVector): number {
  let i = 0, j = 0, dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!, y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
