/**
 * The conversation life cycle as one pure function, so every process (web, worker, the later Slack and
 * WeCom agent consoles) applies the same rules and every change can be stored as an event with its time.
 *
 *   bot ──escalate──▶ pending_agent ──claim / agent reply──▶ agent ──resolve──▶ resolved
 *    ▲                     │                                  │                    │
 *    └──────hand back──────┴──────────────hand back───────────┘   customer writes ─┘ (reopens to bot)
 */

export const CONVERSATION_STATUSES = ['bot', 'pending_agent', 'agent', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** The timestamps the metrics (first response, handle time, transfer rate) are computed from. */
export interface ConversationTimestamps {
  firstReplyAt: Date | null;
  escalatedAt: Date | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
}

export interface ConversationState extends ConversationTimestamps {
  status: ConversationStatus;
  assigneeId: string | null;
}

export type ConversationEvent =
  | { type: 'customer_message' }
  | { type: 'bot_replied' }
  | { type: 'escalate'; reason: string }
  | { type: 'claim'; agentId: string }
  | { type: 'agent_replied'; agentId: string }
  | { type: 'hand_back' }
  | { type: 'resolve'; by: 'agent' | 'bot' | 'system' | 'customer' };

export type ConversationEventType = ConversationEvent['type'];

export type TransitionResult =
  | { ok: true; next: ConversationState; changed: boolean }
  | { ok: false; reason: string };

/** Applies one event. Never throws; an event that makes no sense in the current status is rejected with a reason. */
export function transition(state: ConversationState, event: ConversationEvent, at: Date): TransitionResult {
  const result = nextState(state, event, at);
  if (typeof result === 'string') return { ok: false, reason: result };
  return { ok: true, next: result, changed: result.status !== state.status || result.assigneeId !== state.assigneeId };
}

function nextState(state: ConversationState, event: ConversationEvent, at: Date): ConversationState | string {
  const { status } = state;
  switch (event.type) {
    case 'customer_message':
      // A customer writing into a resolved conversation reopens it for the bot; otherwise nothing moves.
      return status === 'resolved' ? { ...state, status: 'bot', assigneeId: null, resolvedAt: null } : state;
    case 'bot_replied':
      if (status !== 'bot') return `the bot does not reply while the conversation is ${status}`;
      return { ...state, firstReplyAt: state.firstReplyAt ?? at };
    case 'escalate':
      if (status !== 'bot') return `cannot escalate a conversation that is ${status}`;
      return { ...state, status: 'pending_agent', escalatedAt: at };
    case 'claim':
      if (status !== 'pending_agent') return `cannot claim a conversation that is ${status}`;
      return { ...state, status: 'agent', assigneeId: event.agentId, claimedAt: at };
    case 'agent_replied':
      if (status === 'pending_agent') {
        // Replying is claiming: the first agent to answer owns the conversation.
        return { ...state, status: 'agent', assigneeId: event.agentId, claimedAt: at, firstReplyAt: state.firstReplyAt ?? at };
      }
      if (status !== 'agent') return `an agent cannot reply while the conversation is ${status}`;
      return { ...state, firstReplyAt: state.firstReplyAt ?? at };
    case 'hand_back':
      if (status !== 'agent' && status !== 'pending_agent') return `cannot hand back a conversation that is ${status}`;
      return { ...state, status: 'bot', assigneeId: null };
    case 'resolve':
      if (status === 'resolved') return 'the conversation is already resolved';
      return { ...state, status: 'resolved', resolvedAt: at };
  }
}

/** A new conversation starts with the bot (it is handed to a human only by an explicit escalation). */
export function initialConversationState(): ConversationState {
  return { status: 'bot', assigneeId: null, firstReplyAt: null, escalatedAt: null, claimedAt: null, resolvedAt: null };
}
