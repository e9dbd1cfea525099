/**
 * What agents do in a desk, applied: an AgentCommand (already authenticated by the desk) becomes a call to
 * the conversation service, and the card is updated. Agents are matched by their Slack or WeCom user id on
 * the Agent table; an unknown one is refused (agents are added on the admin Settings page or by a seed).
 */
import type { AgentCommand } from '../agent-desk.ts';
import type { ConversationService } from '../conversation/service.ts';
import { deliverJobId } from '../conversation/service.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { suggestionsOf } from './card.ts';
import { CSAT_CHOICES, csatQuestion, localeOfText } from './customer-lines.ts';
import type { DeskKind } from './external-ref.ts';
import { notifyJobs } from './notify-jobs.ts';
import { hasRoom, sendRoomOf, type SendRulesOf } from '../pipeline/send-room.ts';

export type CommandResult = { ok: boolean; message?: string };

export interface AgentCommandOptions {
  db: Db;
  queue: JobQueue;
  conversations: ConversationService;
  logger: Logger;
  now?: () => Date;
  /** The channels' send rules: no score question the channel would refuse. @defaultValue none */
  sendRulesFor?: SendRulesOf;
}

export const UNKNOWN_AGENT = 'you are not registered as an agent (an admin adds you on the admin Settings page, with your Slack or WeCom user id)';

interface Target {
  id: string;
  conversationId: string;
  status: string;
  tier: string;
  suggestions: unknown;
}

/** The handler for one desk kind (agents are looked up by that desk's user id). */
export function createAgentCommandHandler(options: AgentCommandOptions, desk: DeskKind): (command: AgentCommand) => Promise<CommandResult> {
  const { db, queue, conversations } = options;
  const now = options.now ?? (() => new Date());

  async function findTarget(command: AgentCommand, agentId: string): Promise<Target | null> {
    const select = { id: true, conversationId: true, status: true, tier: true, suggestions: true } as const;
    if (command.escalationId !== undefined) return db.escalation.findUnique({ where: { id: command.escalationId }, select });
    if (command.number !== undefined) return db.escalation.findUnique({ where: { number: command.number }, select });
    // WeCom text without #N: the agent's last claimed conversation.
    return db.escalation.findFirst({ where: { agentId, status: 'claimed' }, orderBy: { claimedAt: 'desc' }, select });
  }

  return async (command) => {
    const agent = await db.agent.findFirst({
      where: desk === 'slack' ? { slackUserId: command.agentExternalId, active: true } : { wecomUserId: command.agentExternalId, active: true },
      select: { id: true },
    });
    if (!agent) return { ok: false, message: UNKNOWN_AGENT };
    const target = await findTarget(command, agent.id);
    if (!target) return { ok: false, message: command.number === undefined && command.escalationId === undefined ? 'no conversation claimed yet: start with #N' : 'no such escalation' };
    const done = (result: { ok: true } | { ok: false; reason: string }): CommandResult => (result.ok ? { ok: true } : { ok: false, message: result.reason });
    const action = command.action;
    let result: CommandResult;
    switch (action.type) {
      case 'claim':
        result = done(await conversations.claim(target.conversationId, agent.id));
        break;
      case 'reply':
        result = await reply(target, agent.id, action.text);
        break;
      case 'note':
        await db.message.create({
          data: { conversationId: target.conversationId, inboxId: await inboxOf(target.conversationId), direction: 'internal', author: 'agent', agentId: agent.id, text: action.text, status: 'note', createdAt: now() },
        });
        return { ok: true }; // notes never reach the customer, and the card does not change
      case 'send_suggestion': {
        const suggestion = (await suggestionsOf(db, target.suggestions))[action.index];
        if (!suggestion) return { ok: false, message: `no suggestion ${action.index + 1}` };
        result = await reply(target, agent.id, suggestion.answer);
        break;
      }
      case 'approve_draft':
        result = await approveDraft(target, agent.id, action.editedText);
        break;
      case 'reject_draft': {
        const rejected = await db.message.updateMany({ where: { conversationId: target.conversationId, status: 'draft' }, data: { status: 'rejected', agentId: agent.id } });
        result = rejected.count > 0 ? { ok: true } : { ok: false, message: 'no draft waiting' };
        break;
      }
      case 'resolve':
        result = done(await conversations.resolve(target.conversationId, 'agent', agent.id));
        if (result.ok) await askForScore(target);
        break;
      case 'hand_back':
        result = done(await conversations.handBack(target.conversationId, agent.id));
        break;
    }
    if (result.ok) await notifyJobs.update(queue, target.id);
    return result;
  };

  async function inboxOf(conversationId: string): Promise<string> {
    return (await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { inboxId: true } })).inboxId;
  }

  /** The agent's own words replace a waiting draft. */
  async function reply(target: Target, agentId: string, text: string): Promise<CommandResult> {
    const result = await conversations.agentReply(target.conversationId, agentId, text);
    if (!result.ok) return { ok: false, message: result.reason };
    await db.message.updateMany({ where: { conversationId: target.conversationId, status: 'draft' }, data: { status: 'rejected', failureReason: 'superseded by an agent reply' } });
    return { ok: true };
  }

  /** Queues the bot's draft (edited if the agent gave a text) and returns the conversation to the bot. */
  async function approveDraft(target: Target, agentId: string, editedText?: string): Promise<CommandResult> {
    const draft = await db.message.findFirst({ where: { conversationId: target.conversationId, status: 'draft' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    if (!draft) return { ok: false, message: 'no draft waiting' };
    const approved = await db.message.updateMany({
      where: { id: draft.id, status: 'draft' },
      data: { status: 'queued', agentId, ...(editedText !== undefined && editedText.trim() !== '' ? { text: editedText } : {}) },
    });
    if (approved.count === 0) return { ok: false, message: 'the draft was decided meanwhile' };
    await queue.add('deliver', { messageId: draft.id }, { jobId: deliverJobId(draft.id) });
    const back = await conversations.handBack(target.conversationId, agentId);
    if (!back.ok) options.logger.info({ escalationId: target.id, reason: back.reason }, 'draft approved; conversation not handed back');
    return { ok: true };
  }

  /** After resolve: the 1–5 score question, once per escalation (buttons where the channel has them). */
  async function askForScore(target: Target): Promise<void> {
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: target.conversationId }, select: { inboxId: true, contact: { select: { locale: true } } } });
    // Asked only when it can reach the customer: a question the channel refuses is a failed message and no score.
    if (!hasRoom(await sendRoomOf(db, target.conversationId, options.sendRulesFor?.(conversation.inboxId), now()))) return;
    const lastCustomer = await db.message.findFirst({ where: { conversationId: target.conversationId, direction: 'incoming' }, orderBy: { createdAt: 'desc' }, select: { text: true } });
    const locale = localeOfText(lastCustomer?.text ?? '', conversation.contact.locale);
    try {
      const message = await db.message.create({
        data: {
          conversationId: target.conversationId, inboxId: conversation.inboxId, direction: 'outgoing', author: 'system', text: csatQuestion(locale),
          suggestions: [...CSAT_CHOICES], replyKey: `csat:${target.id}`, status: 'queued', createdAt: now(),
        },
        select: { id: true },
      });
      await queue.add('deliver', { messageId: message.id }, { jobId: deliverJobId(message.id) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
