/**
 * Slack message text → what the customer should read. Slack escapes `&<>` as entities and writes links,
 * mentions and channels in angle brackets (`<https://x|label>`, `<@U123>`, `<#C1|support>`), none of which
 * means anything on the customer's channel.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_all, url: string, label: string) => (sameLink(url, label) ? label : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

function sameLink(url: string, label: string): boolean {
  return url.replace(/^(?:https?:\/\/|mailto:)/, '').replace(/\/$/, '') === label.replace(/\/$/, '');
}
