import { describe, expect, it } from 'vitest';
import { buildCorrector, editDistance } from '../../../bot/matcher/spelling.ts';

const vocabulary = new Map([
  ['package', 3],
  ['refund', 5],
  ['shipping', 4],
  ['tracking', 2],
  ['number', 2],
  ['order', 6],
  ['get', 2],
]);
const correct = buildCorrector(vocabulary);

describe('editDistance', () => {
  it.each([
    ['order', 'order', 0],
    ['refnd', 'refund', 1],
    ['trakcing', 'tracking', 1],
    ['shiping', 'shipping', 1],
    ['pakage', 'package', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('buildCorrector', () => {
  it('replaces misspelt words by the closest known word', () => {
    expect(correct('pakage')).toBe('package');
    expect(correct('refnd')).toBe('refund');
    expect(correct('trakcing')).toBe('tracking');
    expect(correct('numbr')).toBe('number');
    expect(correct('gets')).toBe('get');
  });

  it('allows two edits only in long words', () => {
    expect(correct('shpiping')).toBe('shipping');
    expect(correct('rfnd')).toBe('rfnd');
  });

  it('leaves known, short, non-Latin and far-off words alone', () => {
    expect(correct('order')).toBe('order');
    expect(correct('ordr')).toBe('order');
    expect(correct('tractor')).toBe('tractor');
    expect(correct('ord')).toBe('ord');
    expect(correct('退款')).toBe('退款');
    expect(correct('order2')).toBe('order2');
  });

  it('prefers the more frequent word on a tie', () => {
    const tie = buildCorrector(new Map([['cart', 1], ['card', 9]]));
    expect(tie('carx')).toBe('card');
  });
});
