/**
 * The agent-assist work order: what an agent needs to know before answering an escalated conversation,
 * pulled out of the transcript so nobody has to scroll back (issue 19).
 *
 * Pure and synchronous: the transcript, the best FAQ match and the complaint risk are computed elsewhere
 * (matcher, bot/emotion) and passed in, so the summary is a table-tested function of its inputs.
 */

/** One line of the conversation as the summary reads it. */
export interface TranscriptLine {
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
}

export interface WorkOrderInput {
  transcript: readonly TranscriptLine[];
  /** The knowledge base's best match for the customer's problem, if any: its question names the intent. */
  bestFaq?: { question: string; category?: string };
  /** bot/emotion's complaint risk (0..1) of the customer's recent messages. */
  complaintRisk: number;
  /** @defaultValue {@link DEFAULT_SENTIMENT_THRESHOLDS} */
  thresholds?: SentimentThresholds;
}

/** Risk at which a customer counts as upset, and as angry. */
export interface SentimentThresholds { upset: number; angry: number }

/**
 * 0.5 is the detector's own decision threshold (bot/emotion/README.md); above 0.8 the model is rarely wrong
 * about a complaint (most confident errors there are label noise), so that is where "angry" starts.
 */
export const DEFAULT_SENTIMENT_THRESHOLDS: SentimentThresholds = { upset: 0.5, angry: 0.8 };

export interface WorkOrderSummary {
  intent?: string;
  orderNumbers: string[];
  phoneNumbers: string[];
  amounts: string[];
  botSaid: string[];
  sentiment: 'calm' | 'upset' | 'angry';
}

/** How many of the bot's messages the summary repeats, and how long each may be. */
const BOT_SAID_COUNT = 3;
const BOT_SAID_MAX_CHARS = 200;

/**
 * Builds the summary. Facts (orders, phones, amounts) come from the customer's messages only: the bot's and
 * agents' texts are FAQ answers ("运费 10 元", "call 400-…") that would read as facts about this case.
 */
export function summarizeWorkOrder(input: WorkOrderInput): WorkOrderSummary {
  const customerText = input.transcript.filter((line) => line.author === 'customer').map((line) => line.text);
  const phoneNumbers = unique(customerText.flatMap(findPhoneNumbers));
  const intent = input.bestFaq?.question.trim() || input.bestFaq?.category?.trim() || undefined;
  return {
    ...(intent ? { intent } : {}),
    orderNumbers: unique(customerText.flatMap(findOrderNumbers)).filter((order) => !isPhoneDigits(order, phoneNumbers)),
    phoneNumbers,
    amounts: unique(customerText.flatMap(findAmounts)),
    botSaid: input.transcript
      .filter((line) => line.author === 'bot' && line.text.trim() !== '')
      .slice(-BOT_SAID_COUNT)
      .map((line) => truncate(line.text.trim(), BOT_SAID_MAX_CHARS)),
    sentiment: sentimentOf(input.complaintRisk, input.thresholds ?? DEFAULT_SENTIMENT_THRESHOLDS),
  };
}

export function sentimentOf(risk: number, thresholds: SentimentThresholds = DEFAULT_SENTIMENT_THRESHOLDS): WorkOrderSummary['sentiment'] {
  if (risk >= thresholds.angry) return 'angry';
  if (risk >= thresholds.upset) return 'upset';
  return 'calm';
}

/**
 * Order numbers: an id after an order keyword ("订单号：E2024…", "order #A1024", "单号是 123…"), or a bare run of
 * 12–22 digits (marketplace order ids; too long for a phone number). An id must contain a digit, so
 * "order status" is not an order number.
 */
const ORDER_AFTER_KEYWORD =
  /(?:订单|单号|运单|快递单|order|tracking)\s*(?:号码|编号|号|no\.?|number|id|#)?\s*(?:是|为|:|：|#|\s)*([A-Za-z0-9][A-Za-z0-9-]{3,39})/giu;
const BARE_LONG_DIGITS = /(?<![\dA-Za-z])\d{12,22}(?![\dA-Za-z])/gu;

export function findOrderNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ORDER_AFTER_KEYWORD)) {
    const id = match[1]!;
    if (/\d/.test(id)) found.push(id);
  }
  for (const match of text.matchAll(BARE_LONG_DIGITS)) found.push(match[0]);
  return unique(found);
}

/**
 * Phone numbers: Chinese mobiles (1[3-9] + 9 digits, optionally +86 and spaced 3-4-4), international numbers
 * written with a leading +, and North American (555) 123-4567 / 555-123-4567. Reported without separators
 * so the same number written two ways is listed once.
 */
const CHINESE_MOBILE = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/gu;
const INTERNATIONAL = /(?<![\d+])\+(?!86)\d{1,3}(?:[\s-]?\d){6,12}(?!\d)/gu;
const NORTH_AMERICAN = /(?<![\d])\(?([2-9]\d{2})\)?[\s-](\d{3})-(\d{4})(?!\d)/gu;

export function findPhoneNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(CHINESE_MOBILE)) found.push(`${match[1]}${match[2]}${match[3]}`);
  for (const match of text.matchAll(INTERNATIONAL)) found.push(match[0].replace(/[\s-]/g, ''));
  for (const match of text.matchAll(NORTH_AMERICAN)) found.push(`${match[1]}${match[2]}${match[3]}`);
  return unique(found);
}

/** Amounts with their currency as written: ¥/￥/$ before, 元/块/RMB/USD after, RMB before. */
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const AMOUNT = new RegExp(
  String.raw`(?:[¥￥$]|RMB|CNY|USD)\s?(?:${NUMBER})|(?<![\dA-Za-z.])(?:${NUMBER})\s?(?:元|块钱|块|RMB|CNY|USD|dollars?)`,
  'giu',
);

export function findAmounts(text: string): string[] {
  return unique([...text.matchAll(AMOUNT)].map((match) => match[0].replace(/\s+/g, ' ')));
}

function isPhoneDigits(candidate: string, phones: readonly string[]): boolean {
  return phones.some((phone) => phone.replace(/^\+/, '').endsWith(candidate) || candidate.endsWith(phone));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
