import type { EscalationCard } from '../../core/agent-desk.ts';
import { clip, escapeMrkdwn, quote } from './mrkdwn.ts';

/** The `action_id`s of the card's buttons (issue 19): contracts with the router, keep exactly. */
export const SLACK_ACTION_IDS = {
  claim: 'kefu_claim',
  resolve: 'kefu_resolve',
  handBack: 'kefu_hand_back',
  sendSuggestion: 'kefu_send_suggestion',
  approveDraft: 'kefu_approve_draft',
  rejectDraft: 'kefu_reject_draft',
} as const;

/** A Block Kit block, typed loosely: we only build, Slack validates. */
export type Block = Record<string, unknown>;

export interface SlackCardMessage { text: string; blocks: Block[] }

/** Slack limits: section text 3,000 chars; button text 75; ≤3 suggestions shown. */
const SECTION_MAX = 2900;
const QUOTE_MAX = 600;
const SUGGESTIONS_SHOWN = 3;

/**
 * Every block that carries buttons has `block_id = kefu:<escalationId>:<part>`, so a click names its
 * escalation without a database lookup by message ts (Slack echoes block_id in `block_actions`, signed).
 */
export function cardBlockId(escalationId: string, part: string): string {
  return `kefu:${escalationId}:${part}`;
}

/** Reads the escalation id back from a block_id made by {@link cardBlockId}. */
export function escalationIdOfBlock(blockId: string | undefined): string | undefined {
  const match = /^kefu:([^:]+):/.exec(blockId ?? '');
  return match?.[1];
}

const STATUS_LABEL: Record<EscalationCard['status'], string> = {
  open: ':red_circle: Open — waiting for an agent',
  claimed: ':large_yellow_circle: Claimed',
  resolved: ':white_check_mark: Resolved',
  handed_back: ':robot_face: Handed back to the bot',
};
const SENTIMENT_LABEL: Record<EscalationCard['summary']['sentiment'], string> = {
  calm: ':slightly_smiling_face: calm', upset: ':worried: upset', angry: ':rage: angry',
};
const TIER_LABEL: Record<EscalationCard['tier'], string> = { bot_draft: 'bot draft, needs approval', human: 'human' };

/**
 * The escalation card as Block Kit. Re-rendered whole for `chat.update`, so state and holder are always
 * shown as they are now; buttons that make no sense in a state are left out (none once resolved).
 */
export function renderSlackCard(card: EscalationCard): SlackCardMessage {
  const customer = escapeMrkdwn(card.customer.name ?? 'Customer');
  const where = `${card.customer.channel} · ${escapeMrkdwn(card.customer.inboxName)}`;
  const holder = card.holder ? escapeMrkdwn(card.holder.name) : '—';
  const blocks: Block[] = [
    section(`*#${card.number} · ${customer}* (${where})`),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Status*\n${STATUS_LABEL[card.status]}`),
        mrkdwn(`*Holder*\n${holder}`),
        mrkdwn(`*Tier*\n${TIER_LABEL[card.tier]}`),
        mrkdwn(`*Reason*\n${escapeMrkdwn(clip(card.reason, 200))}`),
      ],
    },
    section(workOrderText(card.summary)),
  ];
  if (card.lastMessages.length > 0) blocks.push(section(lastMessagesText(card.lastMessages)));
  card.suggestions.slice(0, SUGGESTIONS_SHOWN).forEach((suggestion, index) => {
    blocks.push(suggestionBlock(card, suggestion, index));
  });
  if (card.draft && card.status !== 'resolved') blocks.push(...draftBlocks(card, card.draft.text));
  const actions = mainButtons(card);
  if (actions.length > 0) blocks.push({ type: 'actions', block_id: cardBlockId(card.escalationId, 'main'), elements: actions });
  blocks.push({ type: 'context', elements: [mrkdwn('Reply in this thread to answer the customer; start with `//` for an internal note.')] });
  const text = `Escalation #${card.number}: ${card.customer.name ?? 'customer'} (${card.customer.channel}) — ${card.reason} [${card.status}]`;
  return { text: clip(text, 3000), blocks };
}

function workOrderText(summary: EscalationCard['summary']): string {
  const list = (values: readonly string[]): string => (values.length > 0 ? values.map(escapeMrkdwn).join(', ') : '—');
  const lines = [
    '*Work order*',
    `• Intent: ${summary.intent ? escapeMrkdwn(summary.intent) : '—'}`,
    `• Orders: ${list(summary.orderNumbers)}`,
    `• Phones: ${list(summary.phoneNumbers)}`,
    `• Amounts: ${list(summary.amounts)}`,
    `• Sentiment: ${SENTIMENT_LABEL[summary.sentiment]}`,
  ];
  if (summary.botSaid.length > 0) {
    lines.push('• The bot said:', ...summary.botSaid.map((said) => quote(escapeMrkdwn(clip(said, 300)))));
  }
  return clip(lines.join('\n'), SECTION_MAX);
}

function lastMessagesText(messages: EscalationCard['lastMessages']): string {
  const lines = messages.map((message) => `*${message.author}:* ${escapeMrkdwn(clip(message.text, 400)).replace(/\n/g, ' ')}`);
  return clip(['*Last messages*', ...lines].join('\n'), SECTION_MAX);
}

function suggestionBlock(card: EscalationCard, suggestion: EscalationCard['suggestions'][number], index: number): Block {
  const percent = Math.round(suggestion.confidence * 100);
  const text = `*Suggestion ${index + 1}* (${percent}%): ${escapeMrkdwn(clip(suggestion.question, 200))}\n${quote(escapeMrkdwn(clip(suggestion.answer, QUOTE_MAX)))}`;
  return {
    type: 'section',
    block_id: cardBlockId(card.escalationId, `s${index}`),
    text: mrkdwn(clip(text, SECTION_MAX)),
    ...(card.status !== 'resolved'
      ? { accessory: button(SLACK_ACTION_IDS.sendSuggestion, `Send ${index + 1}`, String(index)) }
      : {}),
  };
}

function draftBlocks(card: EscalationCard, draft: string): Block[] {
  return [
    section(`*Draft awaiting approval* (reply in the thread to send your own version instead)\n${quote(escapeMrkdwn(clip(draft, SECTION_MAX - 200)))}`),
    {
      type: 'actions',
      block_id: cardBlockId(card.escalationId, 'draft'),
      elements: [
        button(SLACK_ACTION_IDS.approveDraft, 'Approve draft', card.escalationId, 'primary'),
        button(SLACK_ACTION_IDS.rejectDraft, 'Reject draft', card.escalationId, 'danger'),
      ],
    },
  ];
}

function mainButtons(card: EscalationCard): Block[] {
  if (card.status === 'resolved') return [];
  const buttons: Block[] = [];
  if (card.status !== 'claimed') buttons.push(button(SLACK_ACTION_IDS.claim, 'Claim', card.escalationId, 'primary'));
  buttons.push(button(SLACK_ACTION_IDS.resolve, 'Resolve', card.escalationId));
  if (card.status !== 'handed_back') buttons.push(button(SLACK_ACTION_IDS.handBack, 'Hand back to bot', card.escalationId));
  return buttons;
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(text) };
}

function mrkdwn(text: string): Block {
  return { type: 'mrkdwn', text };
}

function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Block {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, ...(style ? { style } : {}) };
}
