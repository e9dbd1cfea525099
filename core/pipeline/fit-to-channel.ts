import type { ChannelCapabilities } from '../channel-adapter.ts';
import type { OutboundMessage } from '../messages.ts';

/**
 * One stored reply as the channel can take it: suggestions become a numbered list on channels without
 * buttons (the pick reader already understands "1", "第二个"), and text over the channel's limit is split,
 * preferably at a line break, never inside a character (code points, not UTF-16 units).
 */
export function fitToChannel(message: OutboundMessage, capabilities: Pick<ChannelCapabilities, 'textLimit' | 'buttons'>): OutboundMessage[] {
  const suggestions = message.suggestions ?? [];
  const text = !capabilities.buttons && suggestions.length > 0 ? `${message.text}\n${suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n')}` : message.text;
  const chunks = splitText(text, capabilities.textLimit);
  return chunks.map((chunk, index) => {
    const last = index === chunks.length - 1;
    return {
      ...message,
      text: chunk,
      // Buttons belong under the last part; a numbered list is already in the text.
      suggestions: capabilities.buttons && last ? suggestions : [],
      ...(index > 0 ? { replyToExternalMessageId: undefined } : {}),
    };
  });
}

/** Splits text into parts of at most `limit` characters, at the last line break or space of a part when there is one. */
export function splitText(text: string, limit: number): string[] {
  const characters = Array.from(text);
  if (characters.length <= limit) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < characters.length) {
    let end = Math.min(start + limit, characters.length);
    if (end < characters.length) {
      const window = characters.slice(start, end);
      const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      // Only a break in the second half: a part of a few characters helps nobody.
      if (breakAt > limit / 2) end = start + breakAt + 1;
    }
    parts.push(characters.slice(start, end).join('').trim());
    start = end;
  }
  return parts.filter((part) => part !== '');
}
