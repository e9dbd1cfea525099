/**
 * The content of one WeCom-app or Official Account XML message as hub text and attachments. Media are
 * referenced by MediaId (downloading needs an access token; whoever displays the file does it). A message
 * without words (voice, image) is still a message: its text is '' unless WeChat transcribed the voice.
 */
import type { Attachment } from './contract.ts';
import { xmlText, type XmlFields } from './xml.ts';

export interface XmlMessageContent {
  text: string;
  attachments: Attachment[];
}

/** undefined for MsgType event (and anything without MsgType). */
export function xmlMessageContent(fields: XmlFields): XmlMessageContent | undefined {
  const type = xmlText(fields, 'MsgType');
  if (type === undefined || type === 'event') return undefined;
  const media = (kind: Attachment['kind']): XmlMessageContent => {
    const ref = xmlText(fields, 'MediaId') ?? xmlText(fields, 'PicUrl') ?? '';
    return { text: '', attachments: ref === '' ? [] : [{ kind, ref, ...(mimeOf(fields) ? { mimeType: mimeOf(fields)! } : {}) }] };
  };
  switch (type) {
    case 'text':
      return { text: xmlText(fields, 'Content') ?? '', attachments: [] };
    case 'image':
      return media('image');
    case 'voice':
      return { ...media('audio'), text: xmlText(fields, 'Recognition') ?? '' };
    case 'video':
    case 'shortvideo':
      return media('video');
    case 'file':
      return media('file');
    case 'location': {
      const x = xmlText(fields, 'Location_X') ?? '';
      const y = xmlText(fields, 'Location_Y') ?? '';
      const label = xmlText(fields, 'Label');
      return { text: '', attachments: [{ kind: 'location', ref: `${x},${y}`, ...(label ? { name: label } : {}) }] };
    }
    case 'link': {
      const parts = [xmlText(fields, 'Title'), xmlText(fields, 'Description'), xmlText(fields, 'Url')].filter((part): part is string => !!part);
      return { text: parts.join('\n'), attachments: [] };
    }
    default:
      // A type we do not know (miniprogrampage, ...) still reaches a person as an empty message.
      return { text: '', attachments: [] };
  }
}

function mimeOf(fields: XmlFields): string | undefined {
  const format = xmlText(fields, 'Format')?.toLowerCase();
  return format ? `audio/${format}` : undefined;
}

/** `CreateTime` (unix seconds) as a Date; `fallback` when absent or not a number. */
export function createTimeOf(fields: XmlFields, fallback: Date): Date {
  const seconds = Number(xmlText(fields, 'CreateTime'));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : fallback;
}
