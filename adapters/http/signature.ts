import { AuthenticityError } from '../../core/errors.ts';
import { constantTimeEqual } from '../shared/constant-time.ts';
import { hmacSha256Hex } from '../shared/hmac.ts';

export const TIMESTAMP_HEADER = 'X-Kefu-Timestamp';
export const SIGNATURE_HEADER = 'X-Kefu-Signature';

/** How far a request's timestamp may be from our clock. Bounds how long a captured request can be replayed. */
export const REPLAY_WINDOW_SECONDS = 300;

const SIGNATURE_VERSION = 'v1';

/**
 * Headers that sign one HTTP-channel request: `X-Kefu-Timestamp: <unix seconds>` and
 * `X-Kefu-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
 *
 * Exported for the customer's side as much as ours: their server signs what it posts to the hub and
 * checks what the hub posts back with exactly this scheme. Sign the exact bytes you send.
 */
export function signHttpChannelRequest(
  body: string | Buffer,
  secret: string,
  now: Date,
): { [TIMESTAMP_HEADER]: string; [SIGNATURE_HEADER]: string } {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${SIGNATURE_VERSION}=${hmacSha256Hex(secret, [timestamp, body])}`,
  };
}

/**
 * Throws AuthenticityError unless the signature matches the body and the timestamp is within
 * ±REPLAY_WINDOW_SECONDS of `now`. The timestamp is inside the signed text, so it cannot be refreshed
 * by an attacker replaying an old request.
 */
export function verifyHttpChannelSignature(
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  body: Buffer,
  secret: string,
  now: Date,
): void {
  if (timestampHeader === undefined) throw new AuthenticityError(`missing ${TIMESTAMP_HEADER} header`);
  if (signatureHeader === undefined) throw new AuthenticityError(`missing ${SIGNATURE_HEADER} header`);
  if (!/^\d{1,12}$/.test(timestampHeader)) throw new AuthenticityError(`${TIMESTAMP_HEADER} is not unix seconds`);

  const skewSeconds = Math.abs(now.getTime() / 1000 - Number(timestampHeader));
  if (skewSeconds > REPLAY_WINDOW_SECONDS) {
    throw new AuthenticityError(`${TIMESTAMP_HEADER} is outside the ${REPLAY_WINDOW_SECONDS} s replay window`);
  }

  const prefix = `${SIGNATURE_VERSION}=`;
  if (!signatureHeader.startsWith(prefix)) throw new AuthenticityError(`${SIGNATURE_HEADER} must start with ${prefix}`);
  const expected = hmacSha256Hex(secret, [timestampHeader, body]);
  if (!constantTimeEqual(signatureHeader.slice(prefix.length).toLowerCase(), expected)) {
    throw new AuthenticityError(`wrong ${SIGNATURE_HEADER}`);
  }
}
