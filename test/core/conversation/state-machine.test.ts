import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_STATUSES,
  initialConversationState,
  transition,
  type ConversationEvent,
  type ConversationState,
  type ConversationStatus,
} from '../../../core/conversation/state-machine.ts';

const at = new Date('2026-11-25T10:00:00Z');
const earlier = new Date('2026-11-25T09:00:00Z');

function stateIn(status: ConversationStatus): ConversationState {
  return { ...initialConversationState(), status, assigneeId: status === 'agent' ? 'agent-1' : null };
}

const events: Record<ConversationEvent['type'], ConversationEvent> = {
  customer_message: { type: 'customer_message' },
  bot_replied: { type: 'bot_replied' },
  escalate: { type: 'escalate', reason: 'low_confidence' },
  claim: { type: 'claim', agentId: 'agent-2' },
  agent_replied: { type: 'agent_replied', agentId: 'agent-2' },
  hand_back: { type: 'hand_back' },
  resolve: { type: 'resolve', by: 'agent' },
};

// Every (status, event) pair: the resulting status, or null when the event must be rejected.
const table: Record<ConversationStatus, Record<ConversationEvent['type'], ConversationStatus | null>> = {
  bot: { customer_message: 'bot', bot_replied: 'bot', escalate: 'pending_agent', claim: null, agent_replied: null, hand_back: null, resolve: 'resolved' },
  pending_agent: { customer_message: 'pending_agent', bot_replied: null, escalate: null, claim: 'agent', agent_replied: 'agent', hand_back: 'bot', resolve: 'resolved' },
  agent: { customer_message: 'agent', bot_replied: null, escalate: null, claim: null, agent_replied: 'agent', hand_back: 'bot', resolve: 'resolved' },
  resolved: { customer_message: 'bot', bot_replied: null, escalate: null, claim: null, agent_replied: null, hand_back: null, resolve: null },
};

describe('conversation transition table', () => {
  for (const status of CONVERSATION_STATUSES) {
    for (const [type, expected] of Object.entries(table[status])) {
      it(`${status} + ${type} → ${expected ?? 'rejected'}`, () => {
        const result = transition(stateIn(status), events[type as ConversationEvent['type']], at);
        if (expected === null) {
          expect(result.ok).toBe(false);
        } else {
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.next.status).toBe(expected);
        }
      });
    }
  }
});

describe('conversation timestamps', () => {
  it('records the first reply once and keeps it', () => {
    const first = transition(stateIn('bot'), events.bot_replied, earlier);
    if (!first.ok) throw new Error(first.reason);
    const second = transition(first.next, events.bot_replied, at);
    if (!second.ok) throw new Error(second.reason);
    expect(second.next.firstReplyAt).toEqual(earlier);
    expect(second.changed).toBe(false);
  });

  it('escalation, claim and resolve each stamp their time and assignee', () => {
    const escalated = transition(stateIn('bot'), events.escalate, earlier);
    if (!escalated.ok) throw new Error(escalated.reason);
    expect(escalated.next.escalatedAt).toEqual(earlier);
    const claimed = transition(escalated.next, events.claim, at);
    if (!claimed.ok) throw new Error(claimed.reason);
    expect(claimed.next).toMatchObject({ status: 'agent', assigneeId: 'agent-2', claimedAt: at });
    const resolved = transition(claimed.next, events.resolve, at);
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(resolved.next.resolvedAt).toEqual(at);
  });

  it('an agent reply on a pending conversation claims it and counts as first reply', () => {
    const result = transition(stateIn('pending_agent'), events.agent_replied, at);
    if (!result.ok) throw new Error(result.reason);
    expect(result.next).toMatchObject({ status: 'agent', assigneeId: 'agent-2', claimedAt: at, firstReplyAt: at });
  });

  it('a customer reopening a resolved conversation clears assignee and resolution', () => {
    const resolved = { ...stateIn('agent'), status: 'resolved' as const, resolvedAt: earlier };
    const result = transition(resolved, events.customer_message, at);
    if (!result.ok) throw new Error(result.reason);
    expect(result.next).toMatchObject({ status: 'bot', assigneeId: null, resolvedAt: null });
    expect(result.changed).toBe(true);
  });

  it('handing back releases the assignee', () => {
    const result = transition(stateIn('agent'), events.hand_back, at);
    if (!result.ok) throw new Error(result.reason);
    expect(result.next.assigneeId).toBeNull();
  });
});
