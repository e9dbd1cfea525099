/**
 * The HTTP "API channel": a documented JSON webhook pair for websites and custom apps.
 *
 * Inbound: the customer's server POSTs signed JSON to the hub. Outbound: the hub POSTs signed JSON to the
 * inbox's `callbackUrl`. Both directions use `X-Kefu-Timestamp` + `X-Kefu-Signature: v1=<hex HMAC-SHA256
 * of "<timestamp>.<raw body>">`, with one secret per direction (see `signHttpChannelRequest`).
 */
import type { ChannelAdapter } from '../../core/channel-adapter.ts';
import { parseHttpChannelRequest } from './parse.ts';
import { sendHttpChannelMessage, type HttpChannelSendDeps } from './send.ts';
import type { HttpChannelSettings } from './settings.ts';
import { verifyHttpChannelRequest } from './verify.ts';
import { boundInboxId } from '../shared/inbox-binding.ts';

export { httpChannelSettingsSchema, loadHttpChannelSettings, DEFAULT_HTTP_CALLBACK_TIMEOUT_MS } from './settings.ts';
export type { HttpChannelSettings, HttpChannelSettingsInput } from './settings.ts';
export { signHttpChannelRequest, REPLAY_WINDOW_SECONDS, TIMESTAMP_HEADER, SIGNATURE_HEADER } from './signature.ts';
export { httpInboundBodySchema, type HttpInboundBody } from './parse.ts';
export type { HttpCallbackBody, HttpChannelSendDeps } from './send.ts';

/**
 * Builds the adapter with its outbound clients. A factory rather than settings fields because `fetch` and
 * the clock are runtime dependencies, not configuration an operator writes.
 */
export function createHttpChannelAdapter(deps: HttpChannelSendDeps = {}): ChannelAdapter<HttpChannelSettings> {
  return {
    kind: 'http',
    verify: (request, settings, now) => verifyHttpChannelRequest(request, settings, now),
    parse: (request, settings) => parseHttpChannelRequest(request, boundInboxId(settings)),
    send: (reference, message, settings, context) => sendHttpChannelMessage(reference, message, settings, context, deps),
  };
}

/** The adapter with the platform `fetch` and clock. */
export const httpChannelAdapter: ChannelAdapter<HttpChannelSettings> = createHttpChannelAdapter();
