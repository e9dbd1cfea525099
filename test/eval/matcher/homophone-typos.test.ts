import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { homophoneTypos } from '../../../eval/matcher/homophone-typos.ts';

const corpus = ['可以货到付款吗', '我的快递到哪了', '宽带怎么办理', '发票怎么开', '漂流瓶', 'where is my parcel'];
const sounds = (text: string) => pinyin(text, { toneType: 'none', type: 'array' });

describe('homophoneTypos', () => {
  it('replaces characters by others of the corpus read the same way, as many as asked', () => {
    const typed = homophoneTypos(corpus, 1, 1)('可以货到付款吗');
    expect(typed).not.toBe('可以货到付款吗');
    expect(sounds(typed)).toEqual(sounds('可以货到付款吗'));
    expect([...typed].filter((character, i) => character !== [...'可以货到付款吗'][i])).toHaveLength(1);
    expect([...typed].every((character) => corpus.some((text) => text.includes(character)))).toBe(true);
  });

  it('is reproducible and leaves text without homophones alone', () => {
    const typed = homophoneTypos(corpus, 2, 7);
    expect(homophoneTypos(corpus, 2, 7)('发票怎么开')).toBe(typed('发票怎么开'));
    expect(typed('发票怎么开')).toBe(typed('发票怎么开'));
    expect(typed('where is my parcel')).toBe('where is my parcel');
  });
});
