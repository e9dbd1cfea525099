import type { EscalationCard } from '../../core/agent-desk.ts';

/**
 * The plain text the hub passes to `postToThread` for a customer's later message: the message and fresh
 * knowledge-base suggestions, numbered like the card's (Slack: "Send N" buttons on the card; WeCom: agents
 * copy the answer). Plain text: each desk escapes it for its own markup.
 */
export function customerMessageForThread(
  customerName: string | undefined,
  text: string,
  suggestions: EscalationCard['suggestions'],
  maxSuggestions = 3,
): string {
  const lines = [`${customerName ?? 'Customer'}: ${text}`];
  const shown = suggestions.slice(0, maxSuggestions);
  if (shown.length > 0) {
    lines.push('', 'Suggestions / 推荐答案:');
    shown.forEach((suggestion, index) => {
      lines.push(`${index + 1}. ${suggestion.question} (${Math.round(suggestion.confidence * 100)}%)`, `   ${suggestion.answer}`);
    });
  }
  return lines.join('\n');
}
