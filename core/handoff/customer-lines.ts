/**
 * What the customer is told around a handoff, in their language. Core picks the language from the text
 * (any CJK character → Chinese), the same rule the bot's replies follow for language-less channels.
 */
export type LineLocale = 'zh' | 'en';

export function localeOfText(text: string, contactLocale?: string | null): LineLocale {
  if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(text)) return 'zh';
  if (contactLocale && /^zh/i.test(contactLocale) && !/[a-z]{3,}/i.test(text)) return 'zh';
  return 'en';
}

export function waitingLine(locale: LineLocale, minutes: number): string {
  return locale === 'zh' ? `已转人工客服，预计约 ${minutes} 分钟内回复您，请稍候。` : `A person will reply, in about ${minutes} minutes.`;
}

export function closedLine(locale: LineLocale, backAt: string): string {
  return locale === 'zh' ? `人工客服目前不在线，将于 ${backAt} 回复您。` : `Our team is away right now; a person will reply when we are back (${backAt}).`;
}

export const CSAT_CHOICES = ['1', '2', '3', '4', '5'] as const;

export function csatQuestion(locale: LineLocale): string {
  return locale === 'zh' ? '本次服务已结束。请为我们的服务打分：1（很差）到 5（很好）。' : 'This conversation is closed. How did we do? Reply with a score from 1 (poor) to 5 (great).';
}

export function csatThanks(locale: LineLocale): string {
  return locale === 'zh' ? '感谢您的评价！如还有问题，随时告诉我。' : 'Thank you for your feedback! Ask me anything else any time.';
}

/** A customer's answer to the score question: "5", "５", "4分", "★★★"; undefined when it is not a score. */
export function readCsatScore(text: string): number | undefined {
  const t = text.normalize('NFKC').trim();
  const digit = /^([1-5])\s*(?:分|星|stars?|\/\s*5)?[.!。！]?$/iu.exec(t);
  if (digit) return Number(digit[1]);
  const stars = /^(?:★|⭐){1,5}$/u.exec(t);
  if (stars) return [...t].length;
  return undefined;
}
