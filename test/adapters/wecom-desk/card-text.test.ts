import { describe, expect, it } from 'vitest';
import { fitBytes, renderWeComMarkdown, renderWeComStatusLine, renderWeComText } from '../../../adapters/wecom-desk/card-text.ts';
import { makeCard } from '../slack-desk/fixtures.ts';

describe('WeCom card rendering', () => {
  it('shows #N and the same content as the Slack card', () => {
    const markdown = renderWeComMarkdown(makeCard());
    for (const part of ['**#42 升级工单 Escalation**', 'Ann ＜Li＞', 'telegram', 'Shop & Co', 'customer asked for a person', 'A1024', '13812345678', '¥129',
      '什么时候发货？', '不满 upset', '1. 什么时候发货？ (62%)', '2. How do I track my parcel?', '#42 接', '#42 结束', '#42 转机器人']) {
      expect(markdown).toContain(part);
    }
  });

  it('neutralizes < and > so customer text cannot mention or restyle', () => {
    const markdown = renderWeComMarkdown(makeCard({ lastMessages: [{ author: 'customer', text: '<@all> <font color="warning">x</font>', at: new Date() }] }));
    expect(markdown).not.toContain('<@all>');
    expect(markdown).toContain('＜@all＞');
  });

  it('text form has no markdown', () => {
    const text = renderWeComText(makeCard());
    expect(text).not.toContain('**');
    expect(text).toContain('#42 升级工单 Escalation');
  });

  it('shows a draft with the approve command, and nothing to do once resolved', () => {
    expect(renderWeComMarkdown(makeCard({ tier: 'bot_draft', draft: { messageId: 'm', text: '您好，已发货' } }))).toContain('#42 通过');
    const resolved = renderWeComMarkdown(makeCard({ status: 'resolved', holder: { agentId: 'a', name: '王青' } }));
    expect(resolved).toContain('已结束 resolved');
    expect(resolved).toContain('王青');
    expect(resolved).not.toContain('#42 接');
  });

  it('fits the byte limit on a character boundary', () => {
    const card = makeCard({ lastMessages: Array.from({ length: 40 }, () => ({ author: 'customer' as const, text: '我'.repeat(150), at: new Date() })) });
    const markdown = renderWeComMarkdown(card);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(2048);
    expect(markdown.endsWith('…')).toBe(true);
    expect(fitBytes('我我我', 7)).toBe('我…');
  });

  it('a status line names state and holder', () => {
    expect(renderWeComStatusLine(makeCard({ status: 'claimed', holder: { agentId: 'a', name: '王青' } }))).toBe('#42 处理中 claimed · 处理人 Holder: 王青');
  });
});
