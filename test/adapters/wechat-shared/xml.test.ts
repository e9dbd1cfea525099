import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InboundParseError } from '../../../core/errors.ts';
import { buildWeChatXml, cdata, MAX_XML_BYTES, readWeChatXml, xmlText } from '../../../adapters/wechat-shared/xml.ts';
import { TENCENT } from './vectors.ts';

describe('readWeChatXml', () => {
  it('reads CDATA and bare fields, keeping newlines between elements harmless and 64-bit ids as strings', () => {
    const fields = readWeChatXml(TENCENT.message.plain);
    expect(fields).toMatchObject({ FromUserName: 'mycreate', Content: 'hello', MsgId: '4561255354251345929', AgentID: '218' });
    expect(xmlText(fields, 'Missing')).toBeUndefined();
  });
  it('keeps nested elements as objects', () => {
    const fields = readWeChatXml('<xml><Event>scancode_push</Event><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>');
    expect(fields.ScanCodeInfo).toEqual({ ScanType: 'qrcode' });
  });
  it('reads tags written inside CDATA as text, however many', () => {
    const deep = '<a>'.repeat(50);
    expect(xmlText(readWeChatXml(`<xml><Content><![CDATA[${deep}]]></Content></xml>`), 'Content')).toBe(deep);
  });
  it.each([
    ['DOCTYPE', '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>'],
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><C>&lol2;</C></xml>'],
    ['external entity', '<!doctype xml SYSTEM "file:///etc/passwd"><xml/>'],
    ['bare ENTITY', '<xml><!ENTITY x "y"></xml>'],
    ['unknown entity', '<xml><Content>&x;</Content></xml>'],
    ['malformed', '<xml><Content>'],
    ['not xml', '{"msgtype":"text"}'],
    ['other root', '<note><Content>x</Content></note>'],
    ['too deep', `<xml>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</xml>`],
    ['empty', ''],
  ])('refuses %s with InboundParseError', (_name, body) => {
    expect(() => readWeChatXml(body)).toThrow(InboundParseError);
  });
  it('refuses bodies over the size cap before parsing', () => {
    const big = `<xml><Content>${'x'.repeat(MAX_XML_BYTES)}</Content></xml>`;
    expect(() => readWeChatXml(Buffer.from(big))).toThrow(/over/);
  });
  it('never throws anything but InboundParseError (property)', () => {
    const fragments = fc.constantFrom('<xml>', '</xml>', '<a>', '</a>', '<![CDATA[', ']]>', '&amp;', '&#0;', '&', '<', '>', '<!DOCTYPE', '<!ENTITY', '<?xml?>', 'x', ' ', '"', '<a b="c"/>', '\u0000');
    const documents = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(documents, (document) => {
        try {
          readWeChatXml(document);
        } catch (error) {
          expect(error).toBeInstanceOf(InboundParseError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('building replies', () => {
  it('splits ]]> so the text stays one node', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    const xml = buildWeChatXml([['Content', 'x]]><y>&z;]]>'], ['CreateTime', 12]]);
    expect(xmlText(readWeChatXml(xml), 'Content')).toBe('x]]><y>&z;]]>');
    expect(xml).toContain('<CreateTime>12</CreateTime>');
  });
  it('round-trips any text, minus characters XML cannot carry (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (text) => {
        const back = xmlText(readWeChatXml(buildWeChatXml([['Content', text]])), 'Content') ?? '';
        // eslint-disable-next-line no-control-regex
        expect(back).toBe(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
      }),
    );
  });
});
