/**
 * The bot's own lines, in the customer's language: the "did you mean" prompt, the handoff notice and the
 * small-talk replies. Which of them goes out is core/routing's decision.
 */
import type { BotLines, ReplyLocale, SmallTalkAct } from '../core/bot-contract.ts';

export type { ReplyLocale } from '../core/bot-contract.ts';

const CLARIFY_INTRO: Record<ReplyLocale, string> = {
  zh: '您是想问以下哪个问题？',
  en: 'Did you mean one of these?',
};

const HANDOFF_NOTICE: Record<ReplyLocale, string> = {
  zh: '这个问题我先转给人工客服，稍后会有同事回复您。',
  en: "I've passed your question to our team; a person will follow up here shortly.",
};

/** What the bot says back to small talk; an acknowledgement ("ok", "好的") needs no reply. */
const SMALL_TALK_REPLY: Record<Exclude<SmallTalkAct, 'acknowledgement'>, Record<ReplyLocale, string>> = {
  greeting: { zh: '您好，请问有什么可以帮您？', en: 'Hello! How can I help you?' },
  thanks: { zh: '不客气，还有其他问题随时问我。', en: "You're welcome! Anything else, just ask." },
  goodbye: { zh: '感谢您的咨询，再见！', en: 'Thanks for getting in touch. Goodbye!' },
};

export const botLines: BotLines = {
  clarifyIntro: (locale) => CLARIFY_INTRO[locale],
  handoffNotice: (locale) => HANDOFF_NOTICE[locale],
};

/** The reply to small talk; empty for an acknowledgement. */
export function smallTalkText(act: SmallTalkAct, locale: ReplyLocale): string {
  return act === 'acknowledgement' ? '' : SMALL_TALK_REPLY[act][locale];
}

/**
 * Chinese characters anywhere mean a Chinese reply; customers mixing in English words still read Chinese.
 * A message with no words of either ("/start", "👍", "?") is answered in the customer's language as the
 * channel reported it (`localeHint`, e.g. Telegram's "zh-hans"), English without one.
 */
export function replyLocaleOf(text: string, localeHint?: string): ReplyLocale {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  const words = text.replace(/^\/\w+(?:@\w+)?/u, '');
  if (/\p{L}/u.test(words)) return 'en';
  return localeHint?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
