/**
 * A small hand-written bilingual list of complaint and anger cues. It gives the detector a usable default
 * with no training data, names *why* a message looked risky (the `cues` an agent sees), and is fed to the
 * trained model as extra features so a few labelled examples are enough to weight it.
 */
import { normalizeText } from '../text/normalize.ts';

/** Phrases matched against normalized text (lower case, simplified Chinese, punctuation → space). */
const PHRASE_CUES: readonly string[] = [
  // Chinese: explicit complaint / escalation
  '投诉', '差评', '举报', '维权', '消协', '12315', '工商', '曝光', '律师', '起诉', '报警',
  // Chinese: money back, broken promises
  '退款', '退钱', '赔偿', '索赔', '骗子', '骗人', '欺骗', '坑人', '黑心', '垃圾', '恶心', '失望',
  '太慢', '很慢', '好慢', '太差', '很差', '最差', '极差', '差劲', '不满', '生气', '气死', '愤怒',
  '受不了', '忍无可忍', '无语', '离谱', '过分', '态度差', '态度恶劣', '没人管', '没人理', '不回复',
  '等了', '还没到', '没收到', '到现在', '再也不', '不会再', '别买', '千万别', '什么玩意', '搞什么',
  '凉了', '难吃', '变质', '馊', '少送', '漏送', '送错', '超时',
  // English
  'complaint', 'complain', 'terrible', 'awful', 'horrible', 'worst', 'unacceptable', 'ridiculous',
  'disgusting', 'scam', 'fraud', 'refund', 'money back', 'chargeback', 'lawyer', 'sue', 'angry',
  'furious', 'disappointed', 'useless', 'rubbish', 'garbage', 'never again', 'still waiting',
  'still not', 'no one', 'nobody', 'waste of', 'fed up', 'sick of', 'rip off', 'ripped off', 'wtf',
  'cancel my', 'report you', 'too slow', 'so slow', 'not acceptable', 'manager',
];

/** Cues that only survive in the raw text, before punctuation is removed. */
const RAW_CUES: readonly { cue: string; pattern: RegExp }[] = [
  { cue: '!!!', pattern: /[!！]{3,}/ },
  { cue: '???', pattern: /[?？]{3,}/ },
  { cue: '?!', pattern: /[?？][!！]|[!！][?？]/ },
];

/** Shouting: a Latin word of four or more capitals (WHERE, REFUND) but not a short acronym like "VIP". */
const SHOUTING = /\b[A-Z]{4,}\b/;

const ASCII_WORD = /^[a-z0-9 ]+$/;

/**
 * Each phrase with the needle it is searched by: Latin-script phrases padded with spaces, to be found in the
 * padded text as whole words (so "sue" does not fire in "issue"); Chinese ones as plain substrings. Built
 * once, so a scan allocates nothing per phrase.
 */
const PHRASE_NEEDLES: readonly { phrase: string; needle: string; wholeWord: boolean }[] = PHRASE_CUES.map(
  (phrase) => {
    const wholeWord = ASCII_WORD.test(phrase);
    return { phrase, needle: wholeWord ? ` ${phrase} ` : phrase, wholeWord };
  },
);

/**
 * The complaint cues present in a message, in lexicon order, each at most once. Pure and cheap: a few
 * hundred substring checks.
 */
export function findComplaintCues(text: string): string[] {
  return findCuesInNormalized(text, normalizeText(text));
}

/**
 * Same as {@link findComplaintCues} for a caller that already holds `normalizeText(text)`: normalization
 * (OpenCC) is the costly step, so the detector does it once per message and shares it with the features.
 */
export function findCuesInNormalized(text: string, normalized: string): string[] {
  const padded = ` ${normalized} `;
  const cues: string[] = [];
  for (const { phrase, needle, wholeWord } of PHRASE_NEEDLES) {
    if ((wholeWord ? padded : normalized).includes(needle)) cues.push(phrase);
  }
  for (const { cue, pattern } of RAW_CUES) if (pattern.test(text)) cues.push(cue);
  if (SHOUTING.test(text)) cues.push('CAPS');
  return cues;
}

/**
 * Risk from cues alone, for when no model is trained: each cue adds evidence with diminishing returns, so
 * one cue gives 0.5 and two give 0.75.
 */
export function lexiconRisk(cueCount: number): number {
  return 1 - 0.5 ** cueCount;
}
