import { randomUUID } from 'node:crypto';
import type { SendContext } from '../../core/channel-adapter.ts';
import { ChannelApiError, ChannelNetworkError } from '../../core/errors.ts';
import type { ConversationReference, OutboundMessage, SendReceipt } from '../../core/messages.ts';
import { signHttpChannelRequest } from './signature.ts';

/** What `send` needs from outside, injected so tests use a loopback receiver and a fixed clock. */
export interface HttpChannelSendDeps {
  /** @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** Id for the outgoing message when the receiver does not return one. @defaultValue crypto.randomUUID */
  generateMessageId?: () => string;
}

/** The documented callback body (snake_case public wire format). */
export interface HttpCallbackBody {
  conversation_id: string;
  user_id: string;
  message: {
    id: string;
    text: string;
    suggestions: string[];
    reply_to?: string;
    attachments?: { kind: string; ref: string; name?: string; mime_type?: string }[];
  };
}

/**
 * POSTs one signed message to the inbox's `callbackUrl` and maps the answer for the queue:
 * 2xx → receipt (the receiver's `message_id` if it returns one, else our id); 408, 429 (honouring
 * `Retry-After`) and 5xx → retryable ChannelApiError; other 4xx and redirects → permanent (the receiver
 * refused or the URL is wrong; retrying repeats it); no answer within `timeoutMs` or a connection error →
 * ChannelNetworkError. Redirects are not followed: a redirected POST becomes a GET and loses the body.
 */
export async function sendHttpChannelMessage(
  reference: ConversationReference,
  message: OutboundMessage,
  settings: { callbackUrl: string; outboundSecret: string; timeoutMs: number },
  context: SendContext | undefined,
  deps: HttpChannelSendDeps = {},
): Promise<SendReceipt> {
  const ourId = context?.idempotencyKey ?? (deps.generateMessageId ?? randomUUID)();
  const body = JSON.stringify(toCallbackBody(reference, message, ourId));
  const now = deps.now ?? (() => new Date());
  const signal = combineSignals(AbortSignal.timeout(settings.timeoutMs), context?.signal);
  const response = await post(deps.fetch ?? globalThis.fetch, settings.callbackUrl, body, {
    'content-type': 'application/json',
    ...signHttpChannelRequest(body, settings.outboundSecret, now()),
  }, signal);
  const responseText = await response.text().catch(() => '');
  if (response.ok) return { externalMessageId: receiverMessageId(responseText) ?? ourId };
  throw toChannelApiError(response, now());
}

export function toCallbackBody(reference: ConversationReference, message: OutboundMessage, id: string): HttpCallbackBody {
  const attachments = (message.attachments ?? []).map((attachment) => ({
    kind: attachment.kind,
    ref: attachment.ref,
    ...(attachment.name !== undefined ? { name: attachment.name } : {}),
    ...(attachment.mimeType !== undefined ? { mime_type: attachment.mimeType } : {}),
  }));
  return {
    conversation_id: reference.externalConversationId,
    user_id: reference.externalUserId,
    message: {
      id,
      text: message.text,
      suggestions: message.suggestions ?? [],
      ...(message.replyToExternalMessageId !== undefined ? { reply_to: message.replyToExternalMessageId } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    },
  };
}

async function post(
  fetchFn: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return await fetchFn(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
  } catch (error) {
    // The URL is configuration, not a secret, but the cause (undici's) is kept for the log instead.
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'failed';
    throw new ChannelNetworkError(`HTTP channel callback ${reason}`, { cause: error });
  }
}

function toChannelApiError(response: Response, now: Date): ChannelApiError {
  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined;
  return new ChannelApiError(`HTTP channel callback answered ${status}`, {
    status,
    permanent: !retryable,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function receiverMessageId(responseText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(responseText);
    if (typeof parsed === 'object' && parsed !== null && 'message_id' in parsed) {
      const id = (parsed as { message_id: unknown }).message_id;
      if (typeof id === 'string' && id !== '') return id;
      if (typeof id === 'number' && Number.isFinite(id)) return String(id);
    }
  } catch {
    // An empty or non-JSON 2xx body is a valid acknowledgement; our own id is used.
  }
  return undefined;
}

function combineSignals(timeout: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller === undefined ? timeout : AbortSignal.any([timeout, caller]);
}
