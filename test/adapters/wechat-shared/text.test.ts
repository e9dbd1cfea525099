import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, splitWeChatText, WECHAT_TEXT_LIMIT_CHARS, withNumberedSuggestions } from '../../../adapters/wechat-shared/text.ts';

describe('splitText', () => {
  it('keeps short text whole and prefers line and sentence ends', () => {
    expect(splitText('你好', 10)).toEqual(['你好']);
    expect(splitText('', 10)).toEqual([]);
    expect(splitText('aaaa bbbb\ncccc', 12)).toEqual(['aaaa bbbb\n', 'cccc']);
    expect(splitText('第一句。第二句', 6)).toEqual(['第一句。', '第二句']);
  });
  it('counts UTF-8 bytes and never cuts a character', () => {
    const chunks = splitText('好'.repeat(10), 10, 'utf8-bytes');
    expect(chunks).toEqual(['好好好', '好好好', '好好好', '好']);
    expect(splitText('😀😀😀', 5, 'utf16')).toEqual(['😀😀', '😀']);
  });
  it('WeChat chunks stay within 2048 bytes and the char limit is byte-safe', () => {
    const text = '客服'.repeat(2000);
    for (const chunk of splitWeChatText(text)) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(2048);
    expect(Buffer.byteLength('好'.repeat(WECHAT_TEXT_LIMIT_CHARS))).toBeLessThanOrEqual(2048);
  });
  it('property: chunks join back, fit the limit, and are valid Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 4, max: 64 }), fc.constantFrom('utf16' as const, 'utf8-bytes' as const), (text, limit, unit) => {
        const chunks = splitText(text, limit, unit);
        expect(chunks.join('')).toBe(text);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(unit === 'utf16' ? chunk.length : Buffer.byteLength(chunk)).toBeLessThanOrEqual(limit);
          expect(Buffer.from(chunk, 'utf8').toString('utf8')).toBe(chunk);
        }
      }),
    );
  });
});

describe('withNumberedSuggestions', () => {
  it('numbers the suggestions under the text', () => {
    expect(withNumberedSuggestions('您是想问：', ['怎么退货', ' 运费多少 ', ''])).toBe('您是想问：\n1. 怎么退货\n2. 运费多少');
    expect(withNumberedSuggestions('hi', undefined)).toBe('hi');
    expect(withNumberedSuggestions('', ['a'])).toBe('1. a');
  });
});
