/**
 * What the bot says to a message without words (an image, a voice message WeChat did not transcribe, a
 * file…): it cannot match nothing against the FAQ, so it says the content arrived and asks for words; a voice
 * message goes to a person, who can listen to it. Without a language hint (WeChat reports none) both languages.
 */
import type { MediaKind, ReplyLocale } from '../core/bot-contract.ts';

const RECEIVED: Record<MediaKind, Record<ReplyLocale, string>> = {
  image: { zh: '我们已收到您的图片。', en: 'We received your image.' },
  video: { zh: '我们已收到您的视频。', en: 'We received your video.' },
  file: { zh: '我们已收到您的文件。', en: 'We received your file.' },
  location: { zh: '我们已收到您的位置。', en: 'We received your location.' },
  sticker: { zh: '收到您的表情啦。', en: 'Thanks for the sticker.' },
  audio: { zh: '我们已收到您的语音。', en: 'We received your voice message.' },
  unknown: { zh: '我们已收到您的消息，但暂时无法识别该内容。', en: "We received your message but can't read this kind of content." },
};

const ASK_FOR_WORDS: Record<ReplyLocale, string> = {
  zh: '请用文字描述您的问题，我们会尽快答复。',
  en: "Please describe your question in words and we'll answer right away.",
};

const PERSON_WILL_LISTEN: Record<ReplyLocale, string> = {
  zh: '已为您转接人工客服，请稍候。',
  en: 'A person will listen to it and follow up here shortly.',
};

/** Voice without a transcript needs ears; everything else can be described in words by the customer. */
export function mediaNeedsPerson(media: MediaKind): boolean {
  return media === 'audio';
}

/** The reply in `locale`, or in both (Chinese first) when the customer's language is unknown. */
export function mediaReplyText(media: MediaKind, locale: ReplyLocale | undefined): string {
  const line = (l: ReplyLocale) => `${RECEIVED[media][l]}${l === 'en' ? ' ' : ''}${mediaNeedsPerson(media) ? PERSON_WILL_LISTEN[l] : ASK_FOR_WORDS[l]}`;
  return locale ? line(locale) : `${line('zh')}\n${line('en')}`;
}
