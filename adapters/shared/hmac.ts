import { createHmac } from 'node:crypto';

/**
 * Lower-case hex HMAC-SHA256 of `parts` joined with '.', the shape used by Kefu's HTTP channel
 * (`<timestamp>.<raw body>`) and by several channels' webhook signatures.
 *
 * Why the parts are fed separately: the raw body stays a Buffer, so the signature covers the exact bytes
 * that arrived, never a re-serialization of parsed JSON.
 */
export function hmacSha256Hex(secret: string, parts: ReadonlyArray<string | Buffer>): string {
  const hmac = createHmac('sha256', secret);
  parts.forEach((part, index) => {
    if (index > 0) hmac.update('.');
    hmac.update(part);
  });
  return hmac.digest('hex');
}
