import { describe, expect, it } from 'vitest';
import { defaultComplaintDetector } from '../../../bot/emotion/default-detector.ts';

// Phrasings that are not in the shipped examples, so this measures generalisation, not memory.
const complaints = [
  '客服态度很差，我要投诉你们', '等了三个小时外卖还没到！！！', '东西坏了，赶紧给我退钱',
  'This is the worst support I have ever had', 'Refund me now, you scammers', 'My order is late AGAIN and nobody replies',
];
const calm = [
  '请问明天能送到吗', '谢谢你们，东西很好', '怎么修改账户密码',
  'Can you tell me your store hours?', 'Thank you, that was helpful', 'Do you deliver on Sundays?',
];

describe('defaultComplaintDetector', () => {
  it('flags unseen complaints in Chinese and English', () => {
    for (const text of complaints) expect(defaultComplaintDetector.score(text).risk, text).toBeGreaterThan(0.5);
  });

  it('leaves ordinary questions and thanks alone', () => {
    for (const text of calm) expect(defaultComplaintDetector.score(text).risk, text).toBeLessThan(0.5);
  });

  it('scores a message in well under a millisecond once built', () => {
    defaultComplaintDetector.score('warm-up');
    const start = performance.now();
    for (let i = 0; i < 200; i++) defaultComplaintDetector.score(`第${i}次问：订单什么时候到？`);
    expect((performance.now() - start) / 200).toBeLessThan(1);
  });
});
