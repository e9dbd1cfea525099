import type { EscalationCard } from '../../../core/agent-desk.ts';

/** A realistic escalation card for rendering and desk tests. */
export function makeCard(overrides: Partial<EscalationCard> = {}): EscalationCard {
  return {
    escalationId: 'esc_1',
    number: 42,
    conversationId: 'conv_1',
    customer: { name: 'Ann <Li>', channel: 'telegram', inboxName: 'Shop & Co' },
    tier: 'human',
    reason: 'customer asked for a person',
    status: 'open',
    summary: {
      intent: '什么时候发货？',
      orderNumbers: ['A1024'],
      phoneNumbers: ['13812345678'],
      amounts: ['¥129'],
      botSaid: ['一般 48 小时内发货。'],
      sentiment: 'upset',
    },
    lastMessages: [
      { author: 'customer', text: '<!channel> where is order A1024?', at: new Date('2025-10-26T10:00:00Z') },
      { author: 'bot', text: '一般 48 小时内发货。', at: new Date('2025-10-26T10:00:05Z') },
    ],
    suggestions: [
      { faqId: 'faq_1', question: '什么时候发货？', answer: '一般 48 小时内发货。', confidence: 0.62 },
      { faqId: 'faq_2', question: 'How do I track my parcel?', answer: 'Open Orders > Track.', confidence: 0.31 },
    ],
    ...overrides,
  };
}
