/**
 * The one XML reader and writer of the WeChat family.
 *
 * Reading: WeChat callbacks are small flat `<xml>` documents. A DOCTYPE or entity declaration has no business
 * in them and is the door to entity-expansion bombs and external entities, so both are refused before any
 * parser sees the text; so is anything over the size cap. xml2js (sax) then parses in strict mode, which
 * knows only the five predefined entities and character references.
 *
 * Writing: passive replies put customer-influenced text inside CDATA; a `]]>` in the text would close the
 * section early, so it is split across two sections, and characters XML 1.0 forbids are dropped.
 */
import { Parser } from 'xml2js';
import { InboundParseError } from '../../core/errors.ts';

/** Callbacks are a few hundred bytes; 64 KiB leaves room for long texts while bounding parser work. */
export const MAX_XML_BYTES = 64 * 1024;
/** Nesting deeper than this is not a WeChat document (theirs is 2–3 levels). */
const MAX_DEPTH = 8;

/** The children of the root `<xml>` element: text fields as strings, the rare nested element as an object. */
export type XmlFields = Readonly<Record<string, XmlValue>>;
export type XmlValue = string | { readonly [name: string]: XmlValue };

/** Parses one WeChat XML document; throws InboundParseError for anything else (never another error). */
export function readWeChatXml(input: string | Buffer): XmlFields {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > MAX_XML_BYTES) throw new InboundParseError(`XML body over ${MAX_XML_BYTES} bytes`);
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new InboundParseError('XML with DOCTYPE or ENTITY declarations is refused');
  if (nestingDepth(text) > MAX_DEPTH) throw new InboundParseError('XML nested too deeply');
  const root = parseStrict(text);
  if (typeof root !== 'object' || root === null || !('xml' in root)) throw new InboundParseError('XML root element is not <xml>');
  const xml = (root as { xml: unknown }).xml;
  if (xml === '' || xml === undefined) return {};
  if (typeof xml !== 'object' || xml === null) throw new InboundParseError('XML root <xml> has no fields');
  return toFields(xml as Record<string, unknown>, 1);
}

/** A text field of the document, or undefined when absent or not text. */
export function xmlText(fields: XmlFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}

function parseStrict(text: string): unknown {
  const parser = new Parser({ explicitArray: false, explicitCharkey: false, trim: false, normalize: false, strict: true, async: false });
  let settled = false;
  let result: unknown;
  let failure: unknown;
  try {
    // xml2js calls back synchronously when async is false (sax is synchronous); it may call twice on errors.
    parser.parseString(text, (error: unknown, value: unknown) => {
      if (settled) return;
      settled = true;
      failure = error;
      result = value;
    });
  } catch (error) {
    failure = error;
    settled = true;
  }
  if (!settled) throw new InboundParseError('XML parser did not finish');
  if (failure) throw new InboundParseError('malformed XML');
  return result;
}

/** Cheap pre-scan so a pathological nesting cannot reach the parser's object building. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)[A-Za-z_][^>]*?(\/?)>/g;
  // Tags written inside CDATA are customer text, not structure.
  const structure = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (let match = tag.exec(structure); match !== null; match = tag.exec(structure)) {
    if (match[1] === '/') depth -= 1;
    else if (match[2] !== '/') {
      depth += 1;
      if (depth > max) max = depth;
    }
  }
  return max;
}

function toFields(node: Record<string, unknown>, depth: number): XmlFields {
  const fields: Record<string, XmlValue> = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === '$') continue; // attributes: WeChat sends none
    fields[name] = toValue(value, depth + 1);
  }
  return fields;
}

function toValue(value: unknown, depth: number): XmlValue {
  if (typeof value === 'string') return value;
  // A repeated element (explicitArray off gives an array): the first one is what WeChat documents.
  if (Array.isArray(value)) return value.length > 0 ? toValue(value[0], depth) : '';
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (typeof node._ === 'string' && Object.keys(node).every((key) => key === '_' || key === '$')) return node._;
    return toFields(node, depth) as XmlValue;
  }
  return '';
}

/** Characters XML 1.0 allows: tab, LF, CR, and U+0020 upward minus surrogates (handled by code points) and FFFE/FFFF. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** `<![CDATA[text]]>` that stays one text node even when `text` contains `]]>`. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** One element of a reply: CDATA text, or a number written bare (CreateTime, TimeStamp). */
export type XmlReplyField = readonly [name: string, value: string | number];

/** `<xml>` with the given children in order; strings go in CDATA, numbers bare. */
export function buildWeChatXml(fields: readonly XmlReplyField[]): string {
  const children = fields.map(([name, value]) => {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad XML element name ${name}`);
    return `<${name}>${typeof value === 'number' ? String(Math.trunc(value)) : cdata(value)}</${name}>`;
  });
  return `<xml>${children.join('')}</xml>`;
}
