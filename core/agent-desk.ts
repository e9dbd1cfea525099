/**
 * The agents' side of the hub, beside ChannelAdapter: a desk (Slack channel, WeCom group) shows escalation
 * cards and turns what agents do there into AgentCommands, which the composition root hands to the
 * conversation service. Core builds the card; each desk renders it.
 */
import type { Router } from 'express';
import type { ChannelKind } from './messages.ts';

/** What an agent sees of an escalation: built by core from the conversation, rendered by each desk. */
export interface EscalationCard {
  escalationId: string; number: number /* short #N */; conversationId: string;
  customer: { name?: string; channel: ChannelKind; inboxName: string };
  tier: 'bot_draft' | 'human'; reason: string; status: 'open' | 'claimed' | 'resolved' | 'handed_back';
  holder?: { agentId: string; name: string };
  summary: { intent?: string; orderNumbers: string[]; phoneNumbers: string[]; amounts: string[]; botSaid: string[]; sentiment: 'calm' | 'upset' | 'angry' };
  lastMessages: Array<{ author: 'customer' | 'bot' | 'agent'; text: string; at: Date }>;
  suggestions: Array<{ faqId: string; question: string; answer: string; confidence: number }>;
  draft?: { messageId: string; text: string };    // middle tier: the bot's draft awaiting approval
}
/** Where the card lives in the desk (Slack channel+ts, WeCom chat id + msgid), stored on Escalation.externalRef as JSON. */
export type DeskRef = Record<string, string>;

export type AgentAction =
  | { type: 'claim' } | { type: 'resolve' } | { type: 'hand_back' }
  | { type: 'reply'; text: string } | { type: 'note'; text: string }
  | { type: 'send_suggestion'; index: number } | { type: 'approve_draft'; editedText?: string } | { type: 'reject_draft' };

/** A desk's request, already authenticated and read: who did what to which escalation. */
export interface AgentCommand { escalationId?: string; number?: number; agentExternalId: string; action: AgentAction }

export interface AgentDesk {
  readonly kind: 'slack' | 'wecom';
  postCard(card: EscalationCard): Promise<DeskRef>;
  updateCard(ref: DeskRef, card: EscalationCard): Promise<void>;
  /** A customer message (with fresh KB suggestions) or a status line into the card's thread / group. */
  postToThread(ref: DeskRef, text: string): Promise<void>;
  /** express Router mounted by the composition root (Slack: POST /slack/events; WeCom: GET/POST /wecom/agents). */
  router(handle: (command: AgentCommand) => Promise<{ ok: boolean; message?: string }>): Router;
}
