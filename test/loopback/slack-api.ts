/**
 * A loopback Slack Web API for tests: a real HTTP server on 127.0.0.1 speaking the methods the agent desk
 * calls (slack.md §4–5): `auth.test`, `chat.postMessage`, `chat.update`, at `/api/<method>`, with JSON or
 * form bodies (objects as JSON strings, like WebClient), `Authorization: Bearer` checked (`invalid_auth`),
 * unknown channels (`channel_not_found`), HTTP 429 + `Retry-After` on demand. Errors are HTTP 200
 * `{"ok":false,"error":…}` as Slack sends them. Every authenticated call is recorded.
 *
 * Also `postToSlackRouter`: signs and POSTs an event or interaction to our router the way Slack does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export const FAKE_SLACK_BOT = { user_id: 'U0BOT', bot_id: 'B0001', team_id: 'T0001', team: 'Kefu', user: 'kefu', url: 'https://kefu.slack.com/' };

export interface SlackMessageRecord { channel: string; ts: string; text: string; blocks?: unknown; thread_ts?: string; bot_id: string }
export interface SlackApiCall { method: string; params: Json; contentType: string }

export interface SlackApi {
  /** Pass as SLACK_API_URL (ends with `/api/`). */
  apiUrl: string;
  calls: SlackApiCall[];
  /** Messages as they stand now (chat.update replaces text and blocks), in posting order. */
  messages: SlackMessageRecord[];
  /** Answer the next `count` authenticated calls with `{"ok":false,"error":error}`. */
  failNext(count: number, error: string): void;
  /** Answer the next `count` calls with HTTP 429 and `Retry-After: seconds`. */
  rateLimitNext(count: number, seconds: number): void;
  /** Resolves when a call to `method` satisfying `match` has been recorded (already or later). */
  waitForCall(method: string, match?: (call: SlackApiCall) => boolean): Promise<SlackApiCall>;
  close(): Promise<void>;
}

export async function startSlackApi(options: { token: string; channels: string[] }): Promise<SlackApi> {
  const channels = new Set(options.channels);
  const pending: Array<{ kind: 'error'; error: string } | { kind: 'ratelimit'; seconds: number }> = [];
  const waiters: Array<{ method: string; match: (call: SlackApiCall) => boolean; resolve: (call: SlackApiCall) => void }> = [];
  let clock = 1_700_000_000;
  let sequence = 0;
  const nextTs = (): string => `${clock++}.${String(++sequence).padStart(6, '0')}`;

  const state: SlackApi = {
    apiUrl: '',
    calls: [],
    messages: [],
    failNext: (count, error) => { for (let i = 0; i < count; i++) pending.push({ kind: 'error', error }); },
    rateLimitNext: (count, seconds) => { for (let i = 0; i < count; i++) pending.push({ kind: 'ratelimit', seconds }); },
    waitForCall(method, match = () => true) {
      const found = state.calls.find((call) => call.method === method && match(call));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ method, match, resolve }));
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const methods: Record<string, (params: Json) => Json> = {
    'auth.test': () => ({ ok: true, ...FAKE_SLACK_BOT }),
    'chat.postMessage': (params) => {
      const channel = String(params.channel ?? '');
      if (!channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      const text = typeof params.text === 'string' ? params.text : '';
      if (text === '' && params.blocks === undefined) return { ok: false, error: 'no_text' };
      const threadTs = typeof params.thread_ts === 'string' ? params.thread_ts : undefined;
      if (threadTs !== undefined && !state.messages.some((message) => message.channel === channel && message.ts === threadTs)) {
        return { ok: false, error: 'thread_not_found' };
      }
      const record: SlackMessageRecord = { channel, ts: nextTs(), text, bot_id: FAKE_SLACK_BOT.bot_id,
        ...(params.blocks !== undefined ? { blocks: params.blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) };
      state.messages.push(record);
      return { ok: true, channel, ts: record.ts, message: { type: 'message', text, bot_id: record.bot_id, user: FAKE_SLACK_BOT.user_id, ts: record.ts } };
    },
    'chat.update': (params) => {
      const channel = String(params.channel ?? '');
      if (!channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      const message = state.messages.find((candidate) => candidate.channel === channel && candidate.ts === params.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (typeof params.text === 'string') message.text = params.text;
      if (params.blocks !== undefined) message.blocks = params.blocks;
      return { ok: true, channel, ts: message.ts, text: message.text };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1];
    const contentType = req.headers['content-type'] ?? '';
    const params = await readParams(req, contentType);
    if (method === undefined || methods[method] === undefined) return send(res, 404, { ok: false, error: 'unknown_method' });
    if (params === null) return send(res, 200, { ok: false, error: 'invalid_json' });
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return send(res, 200, { ok: false, error: req.headers.authorization ? 'invalid_auth' : 'not_authed' });
    }
    const call: SlackApiCall = { method, params, contentType };
    state.calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.method === method && waiter.match(call)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(call); }
    }
    const failure = pending.shift();
    if (failure?.kind === 'ratelimit') {
      res.writeHead(429, { 'retry-after': String(failure.seconds), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (failure?.kind === 'error') return send(res, 200, { ok: false, error: failure.error });
    send(res, 200, methods[method]!(params));
  }

  const server = createServer((req, res) => { handle(req, res).catch(() => send(res, 500, { ok: false, error: 'internal_error' })); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return state;
}

function send(res: ServerResponse, status: number, body: Json): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** JSON or form body; form fields holding objects/arrays arrive JSON-encoded (WebClient's transport). */
async function readParams(req: IncomingMessage, contentType: string): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  if (contentType.startsWith('application/json')) {
    try {
      const body: unknown = JSON.parse(raw);
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : null;
    } catch { return null; }
  }
  const params: Json = {};
  new URLSearchParams(raw).forEach((value, key) => {
    if (/^[[{]/.test(value)) { try { params[key] = JSON.parse(value) as unknown; return; } catch { /* plain string */ } }
    params[key] = value;
  });
  return params;
}

/** What Slack would send: a JSON Events API body or a form `payload=` interaction. */
export type SlackDelivery = { kind: 'event'; body: Json } | { kind: 'interaction'; payload: Json } | { kind: 'raw'; body: string; contentType: string };

/**
 * Signs a delivery like Slack (v0 HMAC over `v0:<ts>:<raw body>`) and POSTs it to `url`. `timestamp`
 * (seconds) and `signature` can be overridden to forge; `retryNum` adds Slack's retry headers.
 */
export async function postToSlackRouter(url: string, signingSecret: string, delivery: SlackDelivery, options: {
  timestamp?: number; signature?: string; retryNum?: number;
} = {}): Promise<{ status: number; body: string }> {
  const [body, contentType] = delivery.kind === 'event'
    ? [JSON.stringify(delivery.body), 'application/json']
    : delivery.kind === 'interaction'
      ? [`payload=${encodeURIComponent(JSON.stringify(delivery.payload))}`, 'application/x-www-form-urlencoded']
      : [delivery.body, delivery.contentType];
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = options.signature ?? `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
      ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** An agent's message in a card's thread, as the Events API delivers it (slack.md §2). */
export function threadReplyEvent(options: { eventId: string; channel: string; threadTs: string; text: string; user?: string; extra?: Json }): Json {
  const ts = `${1_700_001_000 + Math.floor(Math.random() * 1000)}.000100`;
  return {
    token: 'unused', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: options.eventId, event_time: 1_700_001_000,
    authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: FAKE_SLACK_BOT.user_id, is_bot: true, is_enterprise_install: false }],
    event: { type: 'message', channel: options.channel, user: options.user ?? 'U0AGENT', text: options.text, ts, thread_ts: options.threadTs,
      parent_user_id: FAKE_SLACK_BOT.user_id, event_ts: ts, channel_type: 'channel', ...options.extra },
  };
}

/** A button click on a message (slack.md §3). */
export function blockActionsPayload(options: { channel: string; messageTs: string; actionId: string; blockId: string; value: string; user?: string; actionTs?: string }): Json {
  return {
    type: 'block_actions', user: { id: options.user ?? 'U0AGENT', username: 'agent', name: 'agent', team_id: 'T0001' },
    api_app_id: 'A0001', token: 'unused', trigger_id: '123.456.abc', team: { id: 'T0001', domain: 'kefu' },
    container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
    channel: { id: options.channel, name: 'support' }, message: { type: 'message', ts: options.messageTs, text: 'escalation' },
    response_url: 'https://hooks.slack.com/actions/T0001/1/abc',
    actions: [{ action_id: options.actionId, block_id: options.blockId, text: { type: 'plain_text', text: 'x' }, value: options.value, type: 'button', action_ts: options.actionTs ?? '1700000002.000300' }],
  };
}
