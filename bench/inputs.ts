/**
 * What the benchmark sends: customer questions from the sample FAQ (Chinese and English, as a shop's
 * customers write them) with long and hostile texts mixed in, because a hub is only as fast as its
 * slowest message: a 32,000-character paste, one character repeated, combining marks, mixed scripts.
 */
import { loadSampleFaqs } from '../prisma/seed/faq-ecommerce.ts';

/** One message in this many is hostile. */
const HOSTILE_EVERY = 25;

export interface NamedText { name: string; text: string }

/** Long and hostile texts the hub survives, each within the HTTP channel's 32,000-character limit. */
export function hostileTexts(): NamedText[] {
  const sentence = 'I ordered a blue jacket three weeks ago and it still has not arrived, where is my parcel and can I get a refund? ';
  return [
    { name: 'english-32000', text: sentence.repeat(Math.ceil(32_000 / sentence.length)).slice(0, 32_000) },
    { name: 'chinese-10000', text: '我的订单三个星期还没有到，请问快递在哪里，可以退款吗？'.repeat(400).slice(0, 10_000) },
    { name: 'combining-marks', text: `refund${'\u0301\u0302\u0303\u0304'.repeat(2000)} 退款` },
    { name: 'mixed-scripts', text: 'где мой заказ? 我的订单在哪里 ¿dónde está mi pedido? 注文はどこ 🤬🤬🤬 '.repeat(200).slice(0, 16_000) },
    { name: 'markup-injection', text: `<script>alert(1)</script>' OR 1=1; -- ${'{{7*7}} ${7*7} '.repeat(500)}` },
  ];
}

/**
 * One very long word. The matcher's spelling corrector (bot/matcher/spelling.ts) builds every one- and
 * two-character deletion of a token, O(n³) in time and memory: 1,000 characters take seconds and 32,000
 * exhaust the heap and kill the process. Measured alone, in a process that may die, never sent to the hub.
 */
export function longWordTexts(): NamedText[] {
  return [
    { name: 'one-char-32000', text: 'a'.repeat(32_000) },
    { name: 'no-spaces-32000', text: 'refundwhereismyparcel'.repeat(1600).slice(0, 32_000) },
  ];
}

/** Everyday questions: each sample FAQ's question and its alternative phrasings. */
export function everydayTexts(): string[] {
  return loadSampleFaqs().flatMap((faq) => [faq.question, ...faq.alternatives]);
}

/** The n-th message of a run: mostly everyday, every HOSTILE_EVERY-th hostile. */
export function createTextOf(): (n: number) => string {
  const everyday = everydayTexts();
  const hostile = hostileTexts().map((entry) => entry.text);
  return (n) => (n % HOSTILE_EVERY === HOSTILE_EVERY - 1 ? hostile[Math.floor(n / HOSTILE_EVERY) % hostile.length]! : everyday[n % everyday.length]!);
}
