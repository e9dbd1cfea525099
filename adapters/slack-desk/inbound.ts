import { z } from 'zod';
import type { AgentAction } from '../../core/agent-desk.ts';
import { InboundParseError } from '../../core/errors.ts';
import { describeZodError } from '../shared/zod-issues.ts';
import { escalationIdOfBlock, SLACK_ACTION_IDS } from './card-blocks.ts';
import { slackTextToPlain } from './slack-text.ts';

/** A reply starting with this never reaches the customer: it is an internal note (issue 19). */
export const NOTE_PREFIX = '//';

/**
 * What one authentic request to POST /slack/events means. Pure: body bytes and content type in, no I/O.
 * `dedupeKey` identifies the delivery across Slack's retries (event_id; for clicks the user + action_ts).
 */
export type SlackInbound =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'thread_message'; dedupeKey: string; channel: string; threadTs: string; user: string; action: AgentAction & { type: 'reply' | 'note' } }
  | { kind: 'action'; dedupeKey: string; channel: string; messageTs: string; user: string; escalationId: string; action: AgentAction }
  | { kind: 'slash_command'; user: string; channel: string; text: string }
  | { kind: 'ignored'; reason: string };

const messageEventSchema = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().optional(),
  channel: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
});

const eventsBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({ type: z.literal('event_callback'), event_id: z.string(), event: messageEventSchema }),
  z.object({ type: z.literal('app_rate_limited') }),
]);

const blockActionsSchema = z.object({
  type: z.string(),
  user: z.object({ id: z.string() }),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), block_id: z.string().optional(), value: z.string().optional(), action_ts: z.string().optional() })),
});

/** Reads a verified request: JSON for the Events API, form-encoded for interactivity and slash commands. */
export function parseSlackRequest(body: Buffer, contentType: string | undefined, agentChannel: string): SlackInbound {
  const raw = body.toString('utf8');
  if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return parseInteraction(readJson(payload), agentChannel);
    if (form.get('command') !== null) {
      return { kind: 'slash_command', user: form.get('user_id') ?? '', channel: form.get('channel_id') ?? '', text: form.get('text') ?? '' };
    }
    throw new InboundParseError('form body without payload or command');
  }
  const parsed = eventsBodySchema.safeParse(readJson(raw));
  if (!parsed.success) {
    const type = (readJson(raw) as { type?: unknown }).type;
    if (typeof type === 'string' && !['url_verification', 'event_callback', 'app_rate_limited'].includes(type)) {
      return { kind: 'ignored', reason: `request type ${type}` };
    }
    throw new InboundParseError(`not a Slack Events API body: ${describeZodError(parsed.error)}`);
  }
  const envelope = parsed.data;
  if (envelope.type === 'url_verification') return { kind: 'challenge', challenge: envelope.challenge };
  if (envelope.type === 'app_rate_limited') return { kind: 'ignored', reason: 'app_rate_limited' };
  return parseMessageEvent(envelope.event, envelope.event_id, agentChannel);
}

/**
 * Only a human's plain message in a thread of the agents' channel is an agent reply. Skipped: edits and
 * every other subtype (bot_message, message_changed, channel_join…), anything with a bot_id (our own posts
 * and other bots' — this stops relay loops), top-level messages, other channels.
 */
function parseMessageEvent(event: z.infer<typeof messageEventSchema>, eventId: string, agentChannel: string): SlackInbound {
  if (event.type !== 'message') return { kind: 'ignored', reason: `event ${event.type}` };
  if (event.subtype !== undefined) return { kind: 'ignored', reason: `message subtype ${event.subtype}` };
  if (event.bot_id !== undefined) return { kind: 'ignored', reason: 'message from a bot' };
  if (event.user === undefined || event.channel === undefined || event.ts === undefined) return { kind: 'ignored', reason: 'message without user' };
  if (event.channel !== agentChannel) return { kind: 'ignored', reason: 'message outside the agents\' channel' };
  if (event.thread_ts === undefined || event.thread_ts === event.ts) return { kind: 'ignored', reason: 'not a thread reply' };
  const raw = event.text ?? '';
  const isNote = raw.trimStart().startsWith(NOTE_PREFIX);
  const text = slackTextToPlain(isNote ? raw.trimStart().slice(NOTE_PREFIX.length) : raw);
  if (text === '') return { kind: 'ignored', reason: 'empty message' };
  return {
    kind: 'thread_message',
    dedupeKey: `event:${eventId}`,
    channel: event.channel,
    threadTs: event.thread_ts,
    user: event.user,
    action: isNote ? { type: 'note', text } : { type: 'reply', text },
  };
}

function parseInteraction(json: unknown, agentChannel: string): SlackInbound {
  const parsed = blockActionsSchema.safeParse(json);
  if (!parsed.success) throw new InboundParseError(`not a Slack interaction payload: ${describeZodError(parsed.error)}`);
  const payload = parsed.data;
  if (payload.type !== 'block_actions') return { kind: 'ignored', reason: `interaction ${payload.type}` };
  const clicked = payload.actions[0];
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const messageTs = payload.container?.message_ts ?? payload.message?.ts;
  if (!clicked || channel === undefined || messageTs === undefined) return { kind: 'ignored', reason: 'action outside a message' };
  if (channel !== agentChannel) return { kind: 'ignored', reason: 'action outside the agents\' channel' };
  const escalationId = escalationIdOfBlock(clicked.block_id);
  const action = toAgentAction(clicked.action_id, clicked.value);
  if (escalationId === undefined || action === undefined) return { kind: 'ignored', reason: `action ${clicked.action_id}` };
  return {
    kind: 'action',
    dedupeKey: `action:${payload.user.id}:${clicked.action_ts ?? messageTs}:${clicked.action_id}`,
    channel,
    messageTs,
    user: payload.user.id,
    escalationId,
    action,
  };
}

function toAgentAction(actionId: string, value: string | undefined): AgentAction | undefined {
  switch (actionId) {
    case SLACK_ACTION_IDS.claim: return { type: 'claim' };
    case SLACK_ACTION_IDS.resolve: return { type: 'resolve' };
    case SLACK_ACTION_IDS.handBack: return { type: 'hand_back' };
    case SLACK_ACTION_IDS.approveDraft: return { type: 'approve_draft' };
    case SLACK_ACTION_IDS.rejectDraft: return { type: 'reject_draft' };
    case SLACK_ACTION_IDS.sendSuggestion: {
      const index = Number(value);
      return Number.isInteger(index) && index >= 0 ? { type: 'send_suggestion', index } : undefined;
    }
    default: return undefined;
  }
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InboundParseError('body is not valid JSON');
  }
}
