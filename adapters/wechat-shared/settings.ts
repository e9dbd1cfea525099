/** Settings fields every WeChat-family channel shares, with the vendors' own limits. */
import { z } from 'zod';
import { ENCODING_AES_KEY_PATTERN } from './crypto.ts';

/** The callback Token: letters and digits, 3–32 (the OA console's range; WeCom allows ≤32). */
export const callbackTokenSchema = z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits, as set on the console');
export const encodingAesKeySchema = z.string().regex(ENCODING_AES_KEY_PATTERN, 'must be exactly 43 characters [A-Za-z0-9]');
/** App secrets are 32 (OA) to 43 (WeCom) characters; anything short is a paste error, not a secret. */
export const appSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be the 16+ character secret from the console');
export function apiUrlSchema(defaultUrl: string) {
  return z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .default(defaultUrl);
}
