import type { Bot, BotProposal } from '../bot-contract.ts';
import type { ReplyPlan } from '../routing/route.ts';

/** The text that goes to the customer for a routed reply, in the customer's language. */
export async function replyText(plan: Exclude<ReplyPlan, { kind: 'none' }>, proposal: BotProposal, bot: Pick<Bot, 'phrase' | 'lines'>, question: string): Promise<string> {
  const locale = proposal.locale;
  switch (plan.kind) {
    case 'answer':
      // A pick is the customer's own choice: the FAQ's words, not a rewording.
      return plan.pickedFromOffer ? plan.faq.answer : await bot.phrase(question, plan.faq, proposal.kind === 'matched' ? proposal.candidates : []);
    case 'clarify':
      return bot.lines.clarifyIntro(locale);
    case 'small_talk':
      return plan.text;
    case 'handoff':
      return plan.notice ?? bot.lines.handoffNotice(locale);
    case 'notice':
      return plan.text;
  }
}
