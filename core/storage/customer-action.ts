/**
 * A customer message that stands for an action (core/messages.ts CustomerAction) is stored with the columns
 * routing fills in later: `routingReason` 'menu' on a message still `received` marks it, and `faqId` names the
 * FAQ asked for (none: a person). Once answered, routing overwrites both with its decision, as for any message.
 */
import type { CustomerAction } from '../messages.ts';

export const ACTION_MARK = 'menu';

/** The columns that record `action` on a new customer message. */
export function actionColumns(action: CustomerAction | undefined): { routingReason?: string; faqId?: string } {
  if (!action) return {};
  return action.type === 'faq' ? { routingReason: ACTION_MARK, faqId: action.faqId } : { routingReason: ACTION_MARK };
}

/** The action a stored, not yet answered customer message stands for. */
export function storedAction(message: { status: string; routingReason: string | null; faqId: string | null }): CustomerAction | undefined {
  if (message.status !== 'received' || message.routingReason !== ACTION_MARK) return undefined;
  return message.faqId ? { type: 'faq', faqId: message.faqId } : { type: 'human' };
}
