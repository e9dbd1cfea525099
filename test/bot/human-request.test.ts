import { describe, expect, it } from 'vitest';
import { asksForHuman } from '../../bot/human-request.ts';

describe('asksForHuman', () => {
  it.each([
    '转人工',
    '转人工！！',
    '我要转人工',
    '人工客服',
    '帮我转接人工',
    '人工',
    '客服',
    '我要人工吧',
    '轉人工', // traditional
    '转人工 我的退款还没到账',
    'agent',
    'Agent please',
    'human',
    'I want a human',
    'can I talk to a human?',
    'let me speak with an agent',
    'I need a real person',
    'live agent',
  ])('hears %j as a request for a person', (message) => {
    expect(asksForHuman(message)).toBe(true);
  });

  it.each([
    '客服电话是多少？',
    'customer service phone number',
    'what are your customer service hours',
    'how do I become an agent of your brand',
    'my parcel was left with the human resources desk',
    '人工费怎么算',
    '安装要人工费吗',
    'refund',
    '',
  ])('reads %j as a question, not a request for a person', (message) => {
    expect(asksForHuman(message)).toBe(false);
  });
});
