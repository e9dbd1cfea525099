/**
 * The most characters of one message the bot reads. Matching, complaint scoring and sentence encoding all
 * grow with the text's length; a pasted 32,000-character log would hold a worker's CPU for seconds while
 * adding nothing a customer's question needs (the question is in its first lines). Cutting here bounds the
 * work per message whatever a channel accepts. The full text is still stored and shown to agents.
 */
export const MAX_TEXT_READ = 2_000;

/** The part of `text` the bot reads: its first MAX_TEXT_READ characters, not splitting a surrogate pair. */
export function boundedText(text: string, max: number = MAX_TEXT_READ): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  // A high surrogate last would leave half a character, which NFKC and the regexes read as garbage.
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
