/**
 * Text rules of the WeChat family: outgoing text is capped at 2048 **bytes** (kf send_msg, message/send,
 * passive replies as reported), the channels have no buttons, so "did you mean" suggestions become a numbered
 * list the customer answers with a digit (bot/offered-choice.ts reads "2", "第二个", ...).
 */

/** The documented cap on `text.content` in UTF-8 bytes. */
export const WECHAT_TEXT_LIMIT_BYTES = 2048;
/**
 * The same cap in UTF-16 code units (what `string.length` and core's splitter count): a code unit is at most
 * 3 UTF-8 bytes (astral characters are 4 bytes for 2 units), so 682 units never exceed 2048 bytes.
 */
export const WECHAT_TEXT_LIMIT_CHARS = Math.floor(WECHAT_TEXT_LIMIT_BYTES / 3);

export type LengthUnit = 'utf16' | 'utf8-bytes';

/** Where a chunk prefers to end: a line break, then sentence punctuation, then a space. */
const SOFT_BREAKS = [/\n/u, /[。！？!?；;]/u, /[\s，,、]/u];

/**
 * Splits `text` into chunks of at most `limit` units, never inside a code point (so never inside a UTF-8
 * sequence or a surrogate pair). A chunk ends at the last line break / sentence end / space in its second
 * half when there is one, else exactly at the limit. Joining the chunks gives back `text`.
 */
export function splitText(text: string, limit: number, unit: LengthUnit = 'utf16'): string[] {
  if (!(limit >= 4)) throw new Error('limit must be at least 4 (one code point in any unit)');
  const points = Array.from(text);
  const size = (point: string): number => (unit === 'utf16' ? point.length : Buffer.byteLength(point, 'utf8'));
  const chunks: string[] = [];
  let start = 0;
  while (start < points.length) {
    let end = start;
    let used = 0;
    while (end < points.length && used + size(points[end]!) <= limit) {
      used += size(points[end]!);
      end += 1;
    }
    if (end < points.length) end = softEnd(points, start, end);
    chunks.push(points.slice(start, end).join(''));
    start = end;
  }
  return chunks;
}

function softEnd(points: string[], start: number, hardEnd: number): number {
  const earliest = start + Math.ceil((hardEnd - start) / 2);
  for (const pattern of SOFT_BREAKS) {
    for (let i = hardEnd - 1; i >= earliest; i--) {
      if (pattern.test(points[i]!)) return i + 1;
    }
  }
  return hardEnd;
}

/** Splits at WeChat's 2048-byte cap. */
export function splitWeChatText(text: string): string[] {
  return splitText(text, WECHAT_TEXT_LIMIT_BYTES, 'utf8-bytes');
}

/**
 * "Did you mean" on a channel without buttons: the text, then one numbered line per suggestion.
 * Empty suggestions are dropped; without any the text is returned unchanged.
 */
export function withNumberedSuggestions(text: string, suggestions: readonly string[] | undefined): string {
  const offered = (suggestions ?? []).map((suggestion) => suggestion.trim()).filter((suggestion) => suggestion !== '');
  if (offered.length === 0) return text;
  const list = offered.map((suggestion, index) => `${index + 1}. ${suggestion}`).join('\n');
  return text.trim() === '' ? list : `${text}\n${list}`;
}
