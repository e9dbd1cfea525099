import { describe, expect, it } from 'vitest';
import { escalationIdOfBlock, renderSlackCard, SLACK_ACTION_IDS } from '../../../adapters/slack-desk/card-blocks.ts';
import { makeCard } from './fixtures.ts';

type Json = Record<string, unknown>;
const buttons = (blocks: Json[]): Json[] =>
  blocks.flatMap((block) => [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])])
    .filter((element) => element.type === 'button');
const allText = (blocks: Json[]): string => JSON.stringify(blocks);

describe('renderSlackCard', () => {
  it('shows customer, channel, tier, reason, work order, last messages and suggestions', () => {
    const { text, blocks } = renderSlackCard(makeCard());
    const shown = allText(blocks);
    expect(text).toContain('#42');
    for (const part of ['#42', 'Ann &lt;Li&gt;', 'telegram', 'Shop &amp; Co', 'customer asked for a person', 'A1024', '13812345678', '¥129', '什么时候发货？', 'upset', 'Suggestion 2', 'Open Orders &gt; Track.']) {
      expect(shown).toContain(part);
    }
  });

  it('escapes &, < and > in customer text so it cannot ping the channel', () => {
    const shown = allText(renderSlackCard(makeCard()).blocks);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;!channel&gt; where is order A1024?');
  });

  it('an open card offers claim, resolve, hand back and one send button per suggestion (value = index)', () => {
    const found = buttons(renderSlackCard(makeCard()).blocks);
    expect(found.map((button) => button.action_id)).toEqual([
      SLACK_ACTION_IDS.sendSuggestion, SLACK_ACTION_IDS.sendSuggestion, 'kefu_claim', 'kefu_resolve', 'kefu_hand_back',
    ]);
    expect(found.filter((button) => button.action_id === 'kefu_send_suggestion').map((button) => button.value)).toEqual(['0', '1']);
  });

  it('shows at most three suggestions', () => {
    const suggestion = makeCard().suggestions[0]!;
    const card = makeCard({ suggestions: [0, 1, 2, 3, 4].map((i) => ({ ...suggestion, faqId: `f${i}` })) });
    expect(buttons(renderSlackCard(card).blocks).filter((b) => b.action_id === 'kefu_send_suggestion')).toHaveLength(3);
  });

  it('a claimed card shows its holder and no claim button', () => {
    const { blocks, text } = renderSlackCard(makeCard({ status: 'claimed', holder: { agentId: 'a1', name: 'Wang Qing' } }));
    expect(allText(blocks)).toContain('Wang Qing');
    expect(allText(blocks)).toContain('Claimed');
    expect(text).toContain('[claimed]');
    expect(buttons(blocks).map((b) => b.action_id)).not.toContain('kefu_claim');
  });

  it('a resolved card has no buttons', () => {
    expect(buttons(renderSlackCard(makeCard({ status: 'resolved' })).blocks)).toEqual([]);
  });

  it('a draft gets approve and reject buttons', () => {
    const { blocks } = renderSlackCard(makeCard({ tier: 'bot_draft', draft: { messageId: 'm1', text: '您好，订单 A1024 已发货。' } }));
    expect(allText(blocks)).toContain('您好，订单 A1024 已发货。');
    expect(buttons(blocks).map((b) => b.action_id)).toEqual(expect.arrayContaining(['kefu_approve_draft', 'kefu_reject_draft']));
  });

  it('every button block names its escalation in block_id', () => {
    const { blocks } = renderSlackCard(makeCard({ draft: { messageId: 'm1', text: 'x' } }));
    const withButtons = blocks.filter((block) => buttons([block]).length > 0);
    expect(withButtons.length).toBeGreaterThan(0);
    for (const block of withButtons) expect(escalationIdOfBlock(block.block_id as string)).toBe('esc_1');
    expect(new Set(withButtons.map((block) => block.block_id)).size).toBe(withButtons.length);
  });
});
