/**
 * How much room the channel's send rules leave in a conversation now, for the code that plans messages (the
 * router, the handoff acknowledgement, the CSAT question) rather than the deliver job that enforces them.
 */
import type { ChannelCapabilities } from '../channel-adapter.ts';
import type { SendRoom } from '../routing/route.ts';
import { remainingBudget, sendAllowance } from '../routing/send-allowance.ts';
import type { Db } from '../storage/database.ts';
import { jsonStrings } from '../storage/json-strings.ts';
import { sendFactsOf } from '../storage/send-facts.ts';
import { fitToChannel } from './fit-to-channel.ts';

export type SendRulesOf = (inboxId: string) => Pick<ChannelCapabilities, 'textLimit' | 'buttons' | 'sendWindowHours' | 'sendBudgetPerInbound'> | undefined;

/**
 * The room left, counting replies already queued (they will spend the budget before anything planned now);
 * undefined when the channel sets neither a window nor a budget.
 */
export async function sendRoomOf(db: Db, conversationId: string, rules: ReturnType<SendRulesOf>, now: Date): Promise<SendRoom | undefined> {
  if (!rules || (rules.sendWindowHours === undefined && rules.sendBudgetPerInbound === undefined)) return undefined;
  const facts = await sendFactsOf(db, conversationId, { pending: true });
  // Counted in channel messages: a long answer goes out as several.
  const sentSinceInbound = facts.sentSince.reduce((sum, sent) => sum + fitToChannel({ text: sent.text, suggestions: jsonStrings(sent.suggestions) }, rules).length, 0);
  const counted = { ...(facts.lastInboundAt ? { lastInboundAt: facts.lastInboundAt } : {}), sentSinceInbound };
  const remaining = remainingBudget(rules, counted);
  // Zero parts asks only about the window; the budget is reported as the number left.
  const windowOpen = sendAllowance({ sendWindowHours: rules.sendWindowHours }, counted, now, 0).allowed;
  return { windowOpen, ...(remaining !== undefined ? { remaining } : {}) };
}

/** Whether one more message fits: the window open and budget left (or no budget). */
export function hasRoom(room: SendRoom | undefined): boolean {
  return room === undefined || (room.windowOpen && (room.remaining === undefined || room.remaining > 0));
}
