import { describe, expect, it } from 'vitest';
import { parseSlackRequest } from '../../../adapters/slack-desk/inbound.ts';
import { InboundParseError } from '../../../core/errors.ts';

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';
const event = (fields: Record<string, unknown>): Buffer => Buffer.from(JSON.stringify({
  type: 'event_callback', event_id: 'Ev1', team_id: 'T0001',
  event: { type: 'message', channel: 'C0001', user: 'U0AGENT', text: 'hello customer', ts: '1700000000.000100', thread_ts: '1699999999.000001', ...fields },
}));
const click = (action: Record<string, unknown>, channel = 'C0001'): Buffer => Buffer.from(`payload=${encodeURIComponent(JSON.stringify({
  type: 'block_actions', user: { id: 'U0AGENT' }, container: { type: 'message', message_ts: '1699999999.000001', channel_id: channel },
  actions: [{ type: 'button', action_ts: '1700000002.000300', block_id: 'kefu:esc_1:main', ...action }],
}))}`);

describe('parseSlackRequest', () => {
  it('answers url_verification', () => {
    expect(parseSlackRequest(Buffer.from('{"type":"url_verification","challenge":"abc","token":"x"}'), JSON_TYPE, 'C0001'))
      .toEqual({ kind: 'challenge', challenge: 'abc' });
  });

  it('reads a thread reply as a reply, with Slack escapes and links undone', () => {
    expect(parseSlackRequest(event({ text: 'Tom &amp; Jerry &lt;3 see <https://shop.example/a|the shop> <@U0BOT>' }), JSON_TYPE, 'C0001')).toEqual({
      kind: 'thread_message', dedupeKey: 'event:Ev1', channel: 'C0001', threadTs: '1699999999.000001', user: 'U0AGENT',
      action: { type: 'reply', text: 'Tom & Jerry <3 see the shop (https://shop.example/a)' },
    });
  });

  it('reads `//` as an internal note', () => {
    const parsed = parseSlackRequest(event({ text: '// 客户很着急，先查物流' }), JSON_TYPE, 'C0001');
    expect(parsed).toMatchObject({ kind: 'thread_message', action: { type: 'note', text: '客户很着急，先查物流' } });
  });

  it.each([
    ['a bot message (bot_id)', { bot_id: 'B0001' }],
    ['a bot_message subtype', { subtype: 'bot_message', user: undefined }],
    ['an edit', { subtype: 'message_changed' }],
    ['a top-level message', { thread_ts: undefined }],
    ['a thread parent', { thread_ts: '1700000000.000100' }],
    ['another channel', { channel: 'C0999' }],
    ['an empty message', { text: '  ' }],
  ])('ignores %s', (_name, fields) => {
    expect(parseSlackRequest(event(fields), JSON_TYPE, 'C0001').kind).toBe('ignored');
  });

  it.each([
    [{ action_id: 'kefu_claim', value: 'esc_1' }, { type: 'claim' }],
    [{ action_id: 'kefu_resolve', value: 'esc_1' }, { type: 'resolve' }],
    [{ action_id: 'kefu_hand_back', value: 'esc_1' }, { type: 'hand_back' }],
    [{ action_id: 'kefu_send_suggestion', value: '2', block_id: 'kefu:esc_1:s2' }, { type: 'send_suggestion', index: 2 }],
    [{ action_id: 'kefu_approve_draft', value: 'esc_1', block_id: 'kefu:esc_1:draft' }, { type: 'approve_draft' }],
    [{ action_id: 'kefu_reject_draft', value: 'esc_1', block_id: 'kefu:esc_1:draft' }, { type: 'reject_draft' }],
  ])('reads button %j', (action, expected) => {
    expect(parseSlackRequest(click(action), FORM, 'C0001')).toEqual({
      kind: 'action', dedupeKey: `action:U0AGENT:1700000002.000300:${action.action_id}`, channel: 'C0001', messageTs: '1699999999.000001',
      user: 'U0AGENT', escalationId: 'esc_1', action: expected,
    });
  });

  it('ignores unknown buttons, foreign blocks and other channels', () => {
    expect(parseSlackRequest(click({ action_id: 'other' }), FORM, 'C0001').kind).toBe('ignored');
    expect(parseSlackRequest(click({ action_id: 'kefu_claim', block_id: 'xyz' }), FORM, 'C0001').kind).toBe('ignored');
    expect(parseSlackRequest(click({ action_id: 'kefu_claim' }, 'C0999'), FORM, 'C0001').kind).toBe('ignored');
    expect(parseSlackRequest(click({ action_id: 'kefu_send_suggestion', value: 'x' }), FORM, 'C0001').kind).toBe('ignored');
  });

  it('reads a slash command', () => {
    expect(parseSlackRequest(Buffer.from('command=%2Fkefu&text=help&user_id=U0AGENT&channel_id=C0001'), FORM, 'C0001'))
      .toEqual({ kind: 'slash_command', user: 'U0AGENT', channel: 'C0001', text: 'help' });
  });

  it('refuses unreadable bodies', () => {
    expect(() => parseSlackRequest(Buffer.from('{nope'), JSON_TYPE, 'C0001')).toThrow(InboundParseError);
    expect(() => parseSlackRequest(Buffer.from('payload=%7Bnope'), FORM, 'C0001')).toThrow(InboundParseError);
    expect(() => parseSlackRequest(Buffer.from('{"type":"event_callback"}'), JSON_TYPE, 'C0001')).toThrow(InboundParseError);
  });
});
