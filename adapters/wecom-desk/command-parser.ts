import type { AgentAction } from '../../core/agent-desk.ts';

/**
 * What an agent's 1:1 message to the WeCom app means (issue 19). Pure.
 * - `#N <text>` answers escalation N's customer (and claims it); `#N //<text>` is an internal note;
 * - `#N 接|claim`, `#N 结束|resolve`, `#N 转机器人|handback`, `#N 通过|approve`, `#N 驳回|reject`,
 *   `#N 发1|send 1` (send suggestion 1);
 * - text without `#N` continues the agent's last claimed conversation (`number` absent; the hub resolves it);
 * - anything unclear (a bare keyword, `#N` alone, `help`, `?`) → help, so a stray "结束" never reaches a customer.
 */
export type AgentMessage =
  | { kind: 'command'; number?: number; action: AgentAction }
  | { kind: 'help'; reason: string };

const KEYWORDS: ReadonlyArray<[RegExp, AgentAction]> = [
  [/^(?:接|认领|claim)$/i, { type: 'claim' }],
  [/^(?:结束|完成|resolve|resolved|done)$/i, { type: 'resolve' }],
  [/^(?:转机器人|交回机器人|handback|hand back|hand_back)$/i, { type: 'hand_back' }],
  [/^(?:通过|批准|approve)$/i, { type: 'approve_draft' }],
  [/^(?:驳回|拒绝|reject)$/i, { type: 'reject_draft' }],
];
const SEND_SUGGESTION = /^(?:发|发送|send)\s*([1-9])$/i;
const HELP_WORDS = /^(?:help|帮助|\?|？|h|菜单|menu)$/i;
const NUMBERED = /^[#＃](\d{1,9})(?!\d)(?:\s+|(?=\S)|$)([\s\S]*)$/u;
const NOTE_PREFIX = '//';

export function parseAgentMessage(raw: string): AgentMessage {
  const text = raw.trim();
  if (text === '') return { kind: 'help', reason: 'empty message' };
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const number = Number(numbered[1]);
    if (!Number.isSafeInteger(number) || number < 1) return { kind: 'help', reason: 'bad escalation number' };
    const rest = numbered[2]!.trim();
    if (rest === '') return { kind: 'help', reason: `#${number} without an action` };
    return { kind: 'command', number, action: actionOf(rest) };
  }
  if (/^[#＃]/.test(text)) return { kind: 'help', reason: 'malformed #N' };
  if (HELP_WORDS.test(text) || isKeyword(text)) return { kind: 'help', reason: 'command without #N' };
  return { kind: 'command', action: actionOf(text) };
}

function actionOf(rest: string): AgentAction {
  for (const [pattern, action] of KEYWORDS) if (pattern.test(rest)) return action;
  const suggestion = SEND_SUGGESTION.exec(rest);
  if (suggestion) return { type: 'send_suggestion', index: Number(suggestion[1]) - 1 };
  if (rest.startsWith(NOTE_PREFIX)) {
    const note = rest.slice(NOTE_PREFIX.length).trim();
    if (note !== '') return { type: 'note', text: note };
  }
  return { type: 'reply', text: rest };
}

function isKeyword(text: string): boolean {
  return KEYWORDS.some(([pattern]) => pattern.test(text)) || SEND_SUGGESTION.test(text);
}

/** The short help an agent gets back for anything unclear. Bilingual: agents' language is not known. */
export const WECOM_AGENT_HELP = [
  '用法 / Usage:',
  '#N 内容 — 回复客户 (reply to the customer, claims it)',
  '#N 接 / claim — 认领',
  '#N 结束 / resolve — 结束',
  '#N 转机器人 / handback — 交回机器人',
  '#N 通过 / approve — 发送草稿 (send the draft); #N 驳回 / reject',
  '#N 发1 / send 1 — 发送推荐答案 1',
  '#N //备注 — 内部备注 (internal note, never sent)',
  '不带 #N 的消息继续您最近认领的会话 / Text without #N continues your last claimed conversation.',
].join('\n');
