import { describe, expect, it } from 'vitest';
import { asksForHuman } from '../../../bot/human-request.ts';
import { calibratedRisk } from '../../../bot/emotion/calibrate.ts';
import { defaultComplaintDetector } from '../../../bot/emotion/default-detector.ts';
import { DEFAULT_ROUTING_RULES } from '../../../core/routing/policy.ts';
import { CS_MESSAGES } from './cs-messages.ts';

const threshold = DEFAULT_ROUTING_RULES.complaintRiskToHuman!;
const raw = (text: string) => defaultComplaintDetector.score(text).risk;
const calibrated = (text: string) => calibratedRisk(text, defaultComplaintDetector.score(text));

describe('complaint risk on customer-service messages', () => {
  const calm = CS_MESSAGES.filter((m) => !m.angry);
  const angry = CS_MESSAGES.filter((m) => m.angry);

  it('the raw detector sends plain messages to people at the default threshold (why calibration exists)', () => {
    expect(calm.filter((m) => raw(m.text) >= threshold).length).toBeGreaterThan(0);
  });

  it('calibrated, no plain question reaches the threshold, nor even 0.6', () => {
    expect(calm.filter((m) => calibrated(m.text) >= 0.6).map((m) => m.text)).toEqual([]);
  });

  it('calibrated, at least 85% of the angry messages reach it (measured: 14 of 16)', () => {
    const caught = angry.filter((m) => calibrated(m.text) >= threshold);
    expect(caught.length / angry.length).toBeGreaterThanOrEqual(0.85);
    expect(calibrated('退款三天了还没到账！！！什么破店')).toBeGreaterThanOrEqual(threshold);
  });

  it('emoji around the words change nothing', () => {
    expect(calibrated('😡😡 我的快递呢？？📦')).toBeCloseTo(calibrated('我的快递呢？'), 5);
  });
});

describe('asking for a person', () => {
  it.each([['我不想跟机器人说话，找个真人', true], ['找个真人', true], ['不要机器人', true], ['这个是真人照片吗', false]])('%s → %s', (text, asks) => {
    expect(asksForHuman(text)).toBe(asks);
  });
});
