import { describe, expect, it } from 'vitest';
import { parseAgentMessage, WECOM_AGENT_HELP } from '../../../adapters/wecom-desk/command-parser.ts';

describe('parseAgentMessage', () => {
  it.each([
    ['#12 您好，您的订单已发货', { number: 12, action: { type: 'reply', text: '您好，您的订单已发货' } }],
    ['#12 Hello, your order has shipped', { number: 12, action: { type: 'reply', text: 'Hello, your order has shipped' } }],
    ['＃7 好的\n稍等', { number: 7, action: { type: 'reply', text: '好的\n稍等' } }],
    ['#12 接', { number: 12, action: { type: 'claim' } }],
    ['#12接', { number: 12, action: { type: 'claim' } }],
    ['#12 claim', { number: 12, action: { type: 'claim' } }],
    ['#12 CLAIM', { number: 12, action: { type: 'claim' } }],
    ['#12 结束', { number: 12, action: { type: 'resolve' } }],
    ['#12 resolve', { number: 12, action: { type: 'resolve' } }],
    ['#12 转机器人', { number: 12, action: { type: 'hand_back' } }],
    ['#12 handback', { number: 12, action: { type: 'hand_back' } }],
    ['#12 通过', { number: 12, action: { type: 'approve_draft' } }],
    ['#12 approve', { number: 12, action: { type: 'approve_draft' } }],
    ['#12 驳回', { number: 12, action: { type: 'reject_draft' } }],
    ['#12 reject', { number: 12, action: { type: 'reject_draft' } }],
    ['#12 发2', { number: 12, action: { type: 'send_suggestion', index: 1 } }],
    ['#12 send 1', { number: 12, action: { type: 'send_suggestion', index: 0 } }],
    ['#12 // VIP 客户，先退款', { number: 12, action: { type: 'note', text: 'VIP 客户，先退款' } }],
    ['#12 接下来我帮您查', { number: 12, action: { type: 'reply', text: '接下来我帮您查' } }],
    ['#12 claim my refund? no — resolve', { number: 12, action: { type: 'reply', text: 'claim my refund? no — resolve' } }],
    ['好的，马上为您处理', { action: { type: 'reply', text: '好的，马上为您处理' } }],
    ['  thanks for waiting  ', { action: { type: 'reply', text: 'thanks for waiting' } }],
  ])('%j is a command', (text, expected) => {
    expect(parseAgentMessage(text)).toEqual({ kind: 'command', ...expected });
  });

  it.each(['', '   ', '#12', '#12   ', '#0 接', '#abc 接', '#1234567890 接', '接', '结束', 'resolve', 'claim', '发1', 'help', '帮助', '?', '？'])(
    '%j gets the help text',
    (text) => {
      expect(parseAgentMessage(text).kind).toBe('help');
    },
  );

  it('the help text names every command in both languages', () => {
    for (const word of ['#N', '接', 'claim', '结束', 'resolve', '转机器人', 'handback', '通过', 'approve']) {
      expect(WECOM_AGENT_HELP).toContain(word);
    }
  });
});
