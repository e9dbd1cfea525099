import { createHmac } from 'node:crypto';
import { AuthenticityError } from '../../core/errors.ts';
import { constantTimeEqual } from '../shared/constant-time.ts';
import { readHeader } from '../shared/headers.ts';

/** How far a request's timestamp may be from our clock, either way (Slack's documented 5 minutes). */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

/**
 * Accepts a request only if Slack signed these exact body bytes recently (slack.md §1).
 *
 * Why our own check rather than Bolt's: Bolt reads the wall clock and accepts timestamps from the future
 * (a captured request stays replayable for as long as its timestamp is ahead), while this one takes the
 * clock as a parameter and bounds the difference both ways. Compared in constant time.
 */
export function verifySlackRequest(
  request: { headers: Readonly<Record<string, string | undefined>>; body: Buffer },
  signingSecret: string,
  now: Date,
): void {
  const timestamp = readHeader(request.headers, 'X-Slack-Request-Timestamp');
  const signature = readHeader(request.headers, 'X-Slack-Signature');
  if (timestamp === undefined || signature === undefined) throw new AuthenticityError('missing Slack signature headers');
  if (!/^\d{1,12}$/.test(timestamp)) throw new AuthenticityError('malformed X-Slack-Request-Timestamp');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS) {
    throw new AuthenticityError('X-Slack-Request-Timestamp outside the 5-minute window');
  }
  if (!constantTimeEqual(signature, signSlackRequest(signingSecret, timestamp, request.body))) {
    throw new AuthenticityError('wrong X-Slack-Signature');
  }
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`; also used by tests to sign like Slack. */
export function signSlackRequest(signingSecret: string, timestamp: string, body: Buffer | string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}
