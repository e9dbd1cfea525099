import { InboundParseError } from '../../core/errors.ts';

/** The fields of a decrypted app callback the desk reads (wecom.md §4). */
export interface WeComInnerMessage {
  fromUser: string;
  msgType: string;
  content?: string;
  msgId?: string;
  createTime?: string;
  event?: string;
  agentId?: string;
}

/**
 * Reads the flat inner XML of an app callback. The document is one `<xml>` element of leaf children, text
 * either in CDATA or plain (numbers), with no entities beyond the five XML ones.
 * TODO(issue 19): use adapters/wechat-shared/xml.ts once it is on main.
 */
export function readInnerMessage(xml: string): WeComInnerMessage {
  const field = (name: string): string | undefined => {
    const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
    if (!match) return undefined;
    return match[1] ?? decodeEntities(match[2] ?? '');
  };
  if (!/^\s*<xml>[\s\S]*<\/xml>\s*$/.test(xml)) throw new InboundParseError('callback is not an <xml> document');
  const fromUser = field('FromUserName');
  const msgType = field('MsgType');
  if (!fromUser || !msgType) throw new InboundParseError('callback without FromUserName or MsgType');
  const optional = (key: keyof WeComInnerMessage, name: string): Partial<WeComInnerMessage> => {
    const value = field(name);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    fromUser, msgType,
    ...optional('content', 'Content'), ...optional('msgId', 'MsgId'), ...optional('createTime', 'CreateTime'),
    ...optional('event', 'Event'), ...optional('agentId', 'AgentID'),
  };
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
