import type { EscalationCard } from '../../core/agent-desk.ts';

/** WeCom limits (wecom.md §5, §8): appchat text/markdown 2048 bytes; robot text 2048, markdown 4096. */
export const WECOM_APPCHAT_LIMIT_BYTES = 2048;
export const WECOM_ROBOT_MARKDOWN_LIMIT_BYTES = 4096;

const STATUS: Record<EscalationCard['status'], string> = {
  open: '待接 open', claimed: '处理中 claimed', resolved: '已结束 resolved', handed_back: '已交回机器人 handed back',
};
const SENTIMENT: Record<EscalationCard['summary']['sentiment'], string> = { calm: '平静 calm', upset: '不满 upset', angry: '愤怒 angry' };
const TIER: Record<EscalationCard['tier'], string> = { bot_draft: '草稿待审 bot draft', human: '人工 human' };

/**
 * Customer text inside our markdown: `<` and `>` become full-width so `<@userid>` cannot mention anyone and
 * `<font>` cannot restyle the card; line breaks are flattened where one line is expected.
 */
export function neutralize(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞');
}

/** The card as WeCom markdown, with the short number agents type (`#N`). Same content as the Slack card. */
export function renderWeComMarkdown(card: EscalationCard, limitBytes = WECOM_APPCHAT_LIMIT_BYTES): string {
  return fitBytes(cardLines(card, true).join('\n'), limitBytes);
}

/** The same as plain text, for clients that do not render markdown. */
export function renderWeComText(card: EscalationCard, limitBytes = WECOM_APPCHAT_LIMIT_BYTES): string {
  return fitBytes(cardLines(card, false).join('\n'), limitBytes);
}

function cardLines(card: EscalationCard, markdown: boolean): string[] {
  const bold = (text: string): string => (markdown ? `**${text}**` : text);
  const quoted = (text: string): string => (markdown ? `> ${text}` : `  ${text}`);
  const n = `#${card.number}`;
  const s = card.summary;
  const list = (values: readonly string[]): string => (values.length > 0 ? values.map(neutralize).join(', ') : '—');
  const lines = [
    bold(`${n} 升级工单 Escalation`) + (markdown && card.summary.sentiment === 'angry' ? ' <font color="warning">angry</font>' : ''),
    `客户 Customer: ${neutralize(card.customer.name ?? '—')} (${card.customer.channel} · ${neutralize(card.customer.inboxName)})`,
    `级别 Tier: ${TIER[card.tier]} · 原因 Reason: ${neutralize(oneLine(card.reason, 100))}`,
    `状态 Status: ${STATUS[card.status]} · 处理人 Holder: ${card.holder ? neutralize(card.holder.name) : '—'}`,
    bold('工单摘要 Work order'),
    quoted(`意图 Intent: ${s.intent ? neutralize(oneLine(s.intent, 80)) : '—'}`),
    quoted(`订单 Orders: ${list(s.orderNumbers)}`),
    quoted(`电话 Phones: ${list(s.phoneNumbers)}`),
    quoted(`金额 Amounts: ${list(s.amounts)}`),
    quoted(`情绪 Sentiment: ${SENTIMENT[s.sentiment]}`),
    ...s.botSaid.map((said) => quoted(`机器人 Bot said: ${neutralize(oneLine(said, 120))}`)),
  ];
  if (card.lastMessages.length > 0) {
    lines.push(bold('最近消息 Last messages'), ...card.lastMessages.map((m) => `${m.author}: ${neutralize(oneLine(m.text, 150))}`));
  }
  const suggestions = card.suggestions.slice(0, 3);
  if (suggestions.length > 0) {
    lines.push(bold('推荐答案 Suggestions'));
    suggestions.forEach((suggestion, index) => {
      lines.push(`${index + 1}. ${neutralize(oneLine(suggestion.question, 80))} (${Math.round(suggestion.confidence * 100)}%) — ${neutralize(oneLine(suggestion.answer, 160))}`);
    });
  }
  if (card.draft && card.status !== 'resolved') {
    lines.push(bold('草稿待审 Draft'), quoted(neutralize(oneLine(card.draft.text, 300))), `发送草稿 approve: ${n} 通过 · 驳回 reject: ${n} 驳回`);
  }
  if (card.status !== 'resolved') {
    lines.push(`私聊应用 Message the app: ${n} 接 (claim) · ${n} 内容 (reply) · ${n} 发1 (send suggestion) · ${n} 结束 (resolve) · ${n} 转机器人 (hand back)`);
  }
  return lines;
}

/** One status line for a card that changed (WeCom group messages cannot be edited). */
export function renderWeComStatusLine(card: EscalationCard): string {
  return `#${card.number} ${STATUS[card.status]}${card.holder ? ` · 处理人 Holder: ${neutralize(card.holder.name)}` : ''}`;
}

function oneLine(text: string, maxChars: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= maxChars ? flat : `${chars.slice(0, maxChars - 1).join('')}…`;
}

/** Cuts at a character boundary so the UTF-8 encoding fits `limitBytes` (WeCom truncates mid-character). */
export function fitBytes(text: string, limitBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= limitBytes) return text;
  const marker = '…';
  let bytes = Buffer.byteLength(marker);
  let out = '';
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > limitBytes) break;
    out += char;
    bytes += size;
  }
  return out + marker;
}
