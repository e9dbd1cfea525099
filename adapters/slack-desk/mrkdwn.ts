/**
 * Text for Slack's mrkdwn, where `&`, `<` and `>` are control characters: `<!channel>` would ping the whole
 * channel and `<https://x|y>` would disguise a link. Customer and agent text is always escaped before it is
 * put into a message; only our own formatting (`*bold*`, `>` quotes at line start) stays live.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters (Slack: 3,000 per section text, 75 per button label), marking the cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Quotes every line of an (already escaped) text as a mrkdwn block quote. */
export function quote(text: string): string {
  return text.split('\n').map((line) => `>${line}`).join('\n');
}
