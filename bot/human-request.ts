/**
 * Whether a customer asks for a person: "转人工", "人工客服", "talk to a human", or just "agent". Customer
 * service bots teach customers these words (the sample FAQ's own answer says 'type 转人工'), so they must
 * reach a person every time instead of being matched like a question — matched, "转人工" lands on the
 * "how to contact us" FAQ and sends the customer round in a circle.
 */
import { normalizeText } from './text/normalize.ts';

/** Phrasings that ask for a person wherever they appear in a message. */
const ASKS_ANYWHERE: readonly RegExp[] = [
  // Not "人工费" (a labour fee: "安装要人工费吗").
  /转人工|人工客服|人工服务|真人客服|人工坐席|(?:找|要|接|转接)人工(?!费)/u,
  // "我不想跟机器人说话，找个真人": a person asked for by contrast with the bot.
  /(?:找|要|换|转)(?:个|一个|位)?真人|不(?:想|要)(?:跟|和|与)?机器人/u,
  /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|some\s+|the\s+)?(?:human|person|agent|someone|representative|rep|operator|real person)\b/u,
  /\b(?:real|actual)\s+(?:person|human)\b/u,
  /\b(?:live|human)\s+(?:agent|person|support|chat)\b/u,
];

/** A message that is nothing but one of these words (with politeness around it) asks for a person too. */
const BARE_WORDS = new Set(['agent', 'human', 'person', 'operator', 'representative', '人工', '真人', '客服']);
const ENGLISH_FILLER = new Set(['please', 'pls', 'i', 'want', 'need', 'a', 'an', 'the', 'to', 'me', 'get', 'give', 'now', 'thanks', 'hello', 'hi']);
const CHINESE_FRAME = /^(?:你好|您好)?(?:我要|我想要|我想找|请|帮我|给我|找|要)?(.+?)(?:吧|呢|啊|谢谢|可以吗|好吗)?$/u;

export function asksForHuman(message: string): boolean {
  const normalized = normalizeText(message);
  if (normalized === '') return false;
  if (ASKS_ANYWHERE.some((pattern) => pattern.test(normalized))) return true;
  const words = normalized.split(' ').filter((word) => !ENGLISH_FILLER.has(word));
  if (words.length !== 1) return false;
  const word = CHINESE_FRAME.exec(words[0]!)?.[1] ?? words[0]!;
  return BARE_WORDS.has(word);
}
