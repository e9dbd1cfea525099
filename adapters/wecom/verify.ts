import type { InboxOf, RawRequest } from '../wechat-shared/contract.ts';
import { openEncryptedCallback } from '../wechat-shared/callback.ts';
import type { WeComSettings } from './settings.ts';

/** Signature, ciphertext and receiveid (= corpId) of a WeCom app callback; throws AuthenticityError. Pure. */
export function verifyWeComRequest(request: RawRequest, inbox: InboxOf<WeComSettings>): void {
  openEncryptedCallback(request, inbox.settings);
}
