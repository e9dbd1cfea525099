import { describe, expect, it } from 'vitest';
import {
  findAmounts, findOrderNumbers, findPhoneNumbers, sentimentOf, summarizeWorkOrder,
} from '../../../bot/assist/work-order-summary.ts';

describe('findOrderNumbers', () => {
  it.each([
    ['我的订单什么时候发货？order #A1024', ['A1024']],
    ['订单号：E20240517001 还没发货', ['E20240517001']],
    ['订单号是 3928475610293847561', ['3928475610293847561']],
    ['单号为SF1234567890，查不到物流', ['SF1234567890']],
    ['Order number: 112-3456789-1234567 never arrived', ['112-3456789-1234567']],
    ['my order no. 88421 and order #88422', ['88421', '88422']],
    ['淘宝的 3928475610293847561 这单', ['3928475610293847561']],
    ['what is my order status?', []],
    ['订单还没到', []],
    ['call me on 13812345678', []],
  ])('%j → %j', (text, expected) => {
    expect(findOrderNumbers(text)).toEqual(expected);
  });
});

describe('findPhoneNumbers', () => {
  it.each([
    ['我的手机号13812345678', ['13812345678']],
    ['电话 +86 138 1234 5678 找我', ['13812345678']],
    ['联系 139-1234-5678 或 15900001111', ['13912345678', '15900001111']],
    ['reach me at +44 20 7946 0958', ['+442079460958']],
    ['my number is (415) 555-0132', ['4155550132']],
    ['12812345678 is not a mobile', []],
    ['订单号 3928475610293847561', []],
    ['退款 129 元', []],
  ])('%j → %j', (text, expected) => {
    expect(findPhoneNumbers(text)).toEqual(expected);
  });
});

describe('findAmounts', () => {
  it.each([
    ['退款¥129.50还没到账', ['¥129.50']],
    ['付了 299 元，又扣了 ￥18', ['299 元', '￥18']],
    ['charged $1,299.99 twice', ['$1,299.99']],
    ['RMB 500 deposit, plus 20 RMB fee', ['RMB 500', '20 RMB']],
    ['运费 10块钱', ['10块钱']],
    ['I waited 3 days for order A1024', []],
  ])('%j → %j', (text, expected) => {
    expect(findAmounts(text)).toEqual(expected);
  });
});

describe('sentimentOf', () => {
  it.each([
    [0, 'calm'], [0.49, 'calm'], [0.5, 'upset'], [0.79, 'upset'], [0.8, 'angry'], [1, 'angry'],
  ] as const)('risk %d → %s', (risk, expected) => {
    expect(sentimentOf(risk)).toBe(expected);
  });
});

describe('summarizeWorkOrder', () => {
  it('summarises a Chinese conversation from the customer’s words only', () => {
    const summary = summarizeWorkOrder({
      transcript: [
        { author: 'customer', text: '订单号 E20240517001 付了 299 元还没发货' },
        { author: 'bot', text: '一般 48 小时内发货，运费 10 元由商家承担。' },
        { author: 'customer', text: '都三天了！！电话 13812345678 快回我' },
        { author: 'bot', text: '正在为您转接人工客服。' },
      ],
      bestFaq: { question: '什么时候发货？', category: 'shipping' },
      complaintRisk: 0.83,
    });
    expect(summary).toEqual({
      intent: '什么时候发货？',
      orderNumbers: ['E20240517001'],
      phoneNumbers: ['13812345678'],
      amounts: ['299 元'],
      botSaid: ['一般 48 小时内发货，运费 10 元由商家承担。', '正在为您转接人工客服。'],
      sentiment: 'angry',
    });
  });

  it('summarises an English conversation; the category names the intent when the question is empty', () => {
    const summary = summarizeWorkOrder({
      transcript: [
        { author: 'customer', text: 'I was charged $59.90 twice for order #A1024' },
        { author: 'agent', text: 'Order #B9999 is a different one, $5 fee' },
        { author: 'customer', text: 'please call +44 20 7946 0958' },
      ],
      bestFaq: { question: ' ', category: 'refunds' },
      complaintRisk: 0.6,
    });
    expect(summary).toEqual({
      intent: 'refunds',
      orderNumbers: ['A1024'],
      phoneNumbers: ['+442079460958'],
      amounts: ['$59.90'],
      botSaid: [],
      sentiment: 'upset',
    });
  });

  it('keeps the last three bot messages, shortened, and no intent without a match', () => {
    const long = 'x'.repeat(500);
    const summary = summarizeWorkOrder({
      transcript: ['one', 'two', 'three', long].map((text) => ({ author: 'bot' as const, text })),
      complaintRisk: 0.1,
    });
    expect(summary.intent).toBeUndefined();
    expect(summary.botSaid).toHaveLength(3);
    expect(summary.botSaid[0]).toBe('two');
    expect([...summary.botSaid[2]!]).toHaveLength(200);
    expect(summary.botSaid[2]!.endsWith('…')).toBe(true);
    expect(summary.sentiment).toBe('calm');
  });

  it('does not list a +86 mobile as an order number', () => {
    const summary = summarizeWorkOrder({ transcript: [{ author: 'customer', text: '打 +8613812345678' }], complaintRisk: 0 });
    expect(summary.phoneNumbers).toEqual(['13812345678']);
    expect(summary.orderNumbers).toEqual([]);
  });
});
