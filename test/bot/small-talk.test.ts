import { describe, expect, it } from 'vitest';
import { smallTalkOf } from '../../bot/small-talk.ts';

describe('smallTalkOf', () => {
  it.each([
    ['你好', 'greeting'],
    ['您好，在吗？', 'greeting'],
    ['亲 在吗', 'greeting'],
    ['有人吗', 'greeting'],
    ['Hi!', 'greeting'],
    ['hello there', 'greeting'],
    ['Good morning', 'greeting'],
    ['hi你好', 'greeting'],
    ['/start', 'greeting'],
    ['/start@shop_bot', 'greeting'],
    ['/start ref-campaign-7', 'greeting'],
    ['谢谢', 'thanks'],
    ['好的谢谢', 'thanks'],
    ['謝謝你', 'thanks'],
    ['ok thank you so much', 'thanks'],
    ['Thanks!!', 'thanks'],
    ['拜拜', 'goodbye'],
    ['bye', 'goodbye'],
    ['好的', 'acknowledgement'],
    ['嗯嗯', 'acknowledgement'],
    ['OK', 'acknowledgement'],
    ['got it', 'acknowledgement'],
    ['👍', 'acknowledgement'],
    ['谢谢，没问题了', 'thanks'],
  ])('reads %j as %s', (message, act) => {
    expect(smallTalkOf(message)).toBe(act);
  });

  it.each([
    '你好，我想退货',
    'hi, where is my order?',
    'hint',
    '/starting price of the red jacket',
    'okay so my parcel never arrived',
    '好的商品怎么退',
    'thanks for nothing, my refund is late',
    '谢谢你们的快递太慢了',
    '',
  ])('leaves %j to the matcher', (message) => {
    expect(smallTalkOf(message)).toBeUndefined();
  });
});
