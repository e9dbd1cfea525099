/**
 * The HTTP "API channel": a documented JSON webhook pair for websites and custom apps.
 *
 * Inbound: the customer's server POSTs signed JSON to the hub. Outbound: the hub POSTs signed JSON to the
 * inbox's `callbackUrl`. Both directions use `X-Kefu-Timestamp` + `X-Kefu-Signature: v1=<hex HMAC-SHA256
 * of "<timestamp>.<raw body>">`, with one secret per direction (see `signHttpChannelRequest`).
 */
import type { ChannelAdapter, ChannelFactory } from '../../core/channel-adapter.ts';
import { parseHttpChannelRequest } from './parse.ts';
import { sendHttpChannelMessage, type HttpChannelSendDeps } from './send.ts';
import { httpChannelSettingsSchema, type HttpChannelSettings } from './settings.ts';
import { verifyHttpChannelRequest } from './verify.ts';

export { httpChannelSettingsSchema, loadHttpChannelSettings, DEFAULT_HTTP_CALLBACK_TIMEOUT_MS } from './settings.ts';
export type { HttpChannelSettings, HttpChannelSettingsInput } from './settings.ts';
export { signHttpChannelRequest, REPLAY_WINDOW_SECONDS, TIMESTAMP_HEADER, SIGNATURE_HEADER } from './signature.ts';
export { httpInboundBodySchema, type HttpInboundBody } from './parse.ts';
export type { HttpCallbackBody, HttpChannelSendDeps } from './send.ts';

/** A JSON callback has no practical size limit; this keeps one reply a readable message. */
const HTTP_TEXT_LIMIT = 10_000;

/**
 * Builds the adapter with its outbound clients. A factory rather than settings fields because `fetch` and
 * the clock are runtime dependencies, not configuration an operator writes.
 */
export function createHttpChannelAdapter(deps: HttpChannelSendDeps = {}): ChannelAdapter<HttpChannelSettings> {
  return {
    kind: 'http',
    // The receiver renders suggestions as it likes: they travel as a list, like buttons.
    capabilities: () => ({ textLimit: HTTP_TEXT_LIMIT, buttons: true }),
    verify: (request, inbox, now) => verifyHttpChannelRequest(request, inbox.settings, now),
    parse: (request, inbox) => parseHttpChannelRequest(request, inbox.id),
    send: (reference, message, inbox, context) => sendHttpChannelMessage(reference, message, inbox.settings, context, deps),
  };
}

/** The HTTP channel as the hub registers it. */
export const httpChannel: ChannelFactory<HttpChannelSettings> = {
  kind: 'http',
  settingsSchema: httpChannelSettingsSchema,
  create: (deps) => createHttpChannelAdapter({ fetch: deps.fetch, now: deps.now }),
};
