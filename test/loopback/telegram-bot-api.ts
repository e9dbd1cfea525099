/**
 * A loopback Telegram Bot API server for tests: a real HTTP server on 127.0.0.1 that follows the Bot API
 * contract (https://core.telegram.org/bots/api, ../shared/protocols/telegram.md) for the methods the
 * hub calls, so adapters are tested over the wire with grammY's real client instead of a mock.
 *
 * Modelled: `/bot<token>/<method>` with POST or GET, JSON / urlencoded / query parameters, case-insensitive
 * method names, 401 for a wrong token, 404 for unknown methods, known chats (others are "chat not found"),
 * per-chat increasing message ids shared by both directions, blocked chats (403), the 4096-character text
 * limit, reply targets, keyboard shape, webhook registration. Test switches: fail or delay the next calls.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChat { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; first_name?: string; last_name?: string; username?: string; title?: string }
export interface FakeUser { id: number; is_bot: boolean; first_name: string; last_name?: string; username?: string; language_code?: string }
type Json = Record<string, unknown>;
/** A Bot API failure answer, e.g. `{ errorCode: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } }`. */
export interface FakeFailure { errorCode: number; description: string; parameters?: Json }
export interface SentMessage { chatId: number; text: string; params: Json; result: Json }

export const FAKE_BOT: FakeUser & Json = {
  id: 777, is_bot: true, first_name: 'KefuBot', username: 'kefu_bot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
};
export const ANN: FakeUser = { id: 1111, is_bot: false, first_name: 'Ann', last_name: 'Li', username: 'ann', language_code: 'zh-hans' };
export const ANN_CHAT: FakeChat = { id: 1111, type: 'private', first_name: 'Ann', last_name: 'Li', username: 'ann' };

/** Builds a realistic Update (defaults: Ann's private chat, as in the Bot API docs). Pure; for parse tests. */
export function makeTelegramUpdate(options: {
  updateId?: number; type?: string; messageId?: number; chat?: FakeChat; from?: FakeUser | null;
  date?: number; text?: string; message?: Json;
} = {}): Json {
  const message: Json = {
    message_id: options.messageId ?? 42,
    ...(options.from === null ? {} : { from: options.from ?? ANN }),
    chat: options.chat ?? ANN_CHAT,
    date: options.date ?? 1_700_000_000,
    ...(options.text !== undefined ? { text: options.text } : options.message ? {} : { text: 'where is my order?' }),
    ...options.message,
  };
  return { update_id: options.updateId ?? 10_000, [options.type ?? 'message']: message };
}

export interface TelegramBotApi {
  /** Pass as grammY's `apiRoot` (no trailing slash). */
  apiRoot: string;
  sentMessages: SentMessage[];
  /** Every authenticated call, in order. */
  calls: { method: string; params: Json }[];
  /** What the last successful setWebhook registered (null after deleteWebhook). */
  webhook: Json | null;
  addChat(chat: FakeChat): void;
  /** The user blocked the bot: sends to this chat answer 403. */
  blockChat(chatId: number): void;
  /** A customer writes in a chat: allocates the next message id there and returns the Update Telegram would post. */
  customerMessage(chat: FakeChat, from: FakeUser, text: string): Json;
  /** Answer the next `count` authenticated calls with this failure. */
  failNext(count: number, failure: FakeFailure): void;
  /** Answer the next `count` calls with 429 and `parameters.retry_after`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** Hold the next `count` answers for `ms` milliseconds. */
  delayNext(count: number, ms: number): void;
  close(): Promise<void>;
}

export async function startTelegramBotApi(options: { token: string; chats?: FakeChat[] }): Promise<TelegramBotApi> {
  const chats = new Map<number, { chat: FakeChat; lastMessageId: number; messages: Map<number, Json>; blocked: boolean }>();
  const failures: FakeFailure[] = [];
  const delays: number[] = [];
  let nextUpdateId = 500_000;
  const state: TelegramBotApi = {
    apiRoot: '', sentMessages: [], calls: [], webhook: null,
    addChat: (chat) => void chats.set(chat.id, { chat, lastMessageId: 0, messages: new Map(), blocked: false }),
    blockChat: (chatId) => { const entry = chats.get(chatId); if (entry) entry.blocked = true; },
    customerMessage(chat, from, text) {
      if (!chats.has(chat.id)) state.addChat(chat);
      const entry = chats.get(chat.id)!;
      const update = makeTelegramUpdate({ updateId: nextUpdateId++, messageId: ++entry.lastMessageId, chat, from, text, date: nowSeconds() });
      entry.messages.set(entry.lastMessageId, update.message as Json);
      return update;
    },
    failNext: (count, failure) => { for (let i = 0; i < count; i++) failures.push(failure); },
    rateLimitNext: (count, seconds) =>
      state.failNext(count, { errorCode: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } }),
    delayNext: (count, ms) => { for (let i = 0; i < count; i++) delays.push(ms); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  for (const chat of options.chats ?? []) state.addChat(chat);

  const methods: Record<string, (params: Json) => Answer> = {
    getme: () => ok(FAKE_BOT),
    sendmessage: sendMessage,
    setwebhook: setWebhook,
    deletewebhook: () => { const had = state.webhook !== null; state.webhook = null; return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted'); },
    getwebhookinfo: () => ok({ url: (state.webhook?.url as string | undefined) ?? '', has_custom_certificate: false, pending_update_count: 0,
      ...(state.webhook ? { max_connections: state.webhook.max_connections ?? 40, ...(state.webhook.allowed_updates ? { allowed_updates: state.webhook.allowed_updates } : {}) } : {}) }),
  };

  function sendMessage(params: Json): Answer {
    const chatParam = params.chat_id;
    if (chatParam === undefined || chatParam === '') return fail(400, 'Bad Request: chat_id is empty');
    const entry = typeof chatParam === 'string' && chatParam.startsWith('@')
      ? [...chats.values()].find((candidate) => `@${candidate.chat.username}` === chatParam)
      : chats.get(Number(chatParam));
    if (!entry) return fail(400, 'Bad Request: chat not found');
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    // Telegram counts the limit in UTF-16 code units after entity parsing; no parse_mode here, so length.
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const markupError = checkReplyMarkup(params.reply_markup);
    if (markupError) return fail(400, markupError);
    const reply = params.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
    const replied = reply?.message_id !== undefined ? entry.messages.get(Number(reply.message_id)) : undefined;
    if (reply?.message_id !== undefined && !replied && reply.allow_sending_without_reply !== true) {
      return fail(400, 'Bad Request: message to be replied not found');
    }
    if (entry.blocked) return fail(403, 'Forbidden: bot was blocked by the user');
    const { can_join_groups: _a, can_read_all_group_messages: _b, supports_inline_queries: _c, ...from } = FAKE_BOT;
    const result: Json = { message_id: ++entry.lastMessageId, from, chat: entry.chat, date: nowSeconds(), text, ...(replied ? { reply_to_message: replied } : {}) };
    entry.messages.set(entry.lastMessageId, result);
    state.sentMessages.push({ chatId: entry.chat.id, text, params, result });
    return ok(result);
  }

  function setWebhook(params: Json): Answer {
    const url = typeof params.url === 'string' ? params.url : '';
    if (url === '') { state.webhook = null; return ok(true, 'Webhook was deleted'); }
    let parsed: URL;
    try { parsed = new URL(url); } catch { return fail(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known'); }
    if (parsed.protocol !== 'https:') return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    if (!['', '443', '80', '88', '8443'].includes(parsed.port)) return fail(400, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    const secret = params.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      return fail(400, 'Bad Request: secret token contains unallowed characters');
    }
    state.webhook = { ...params };
    return ok(true, 'Webhook was set');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(res, fail(404, 'Not Found'));
    if (match[1] !== options.token) return send(res, fail(401, 'Unauthorized'));
    const handler = methods[match[2]!.toLowerCase()];
    if (!handler) return send(res, fail(404, 'Not Found'));
    const params = await readParams(req, url);
    if (params === null) return send(res, fail(400, "Bad Request: can't parse JSON object"));
    state.calls.push({ method: match[2]!, params });
    const delay = delays.shift();
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    // The caller went away while the call was held (a killed worker): like a request that never reached
    // Telegram, it has no effect, so tests can tell a lost answer from a delivered one.
    if (res.destroyed || req.socket.destroyed) return;
    const failure = failures.shift();
    send(res, failure ? fail(failure.errorCode, failure.description, failure.parameters) : handler(params));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, fail(500, 'Internal Server Error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

interface Answer { status: number; body: Json }
const ok = (result: unknown, description?: string): Answer => ({ status: 200, body: { ok: true, result, ...(description ? { description } : {}) } });
const fail = (errorCode: number, description: string, parameters?: Json): Answer =>
  ({ status: errorCode, body: { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) } });
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
}

/** Query string, then the body (JSON or urlencoded); non-JSON transports carry objects as JSON strings. */
async function readParams(req: IncomingMessage, url: URL): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const params: Json = {};
  const addStrings = (search: URLSearchParams): void => search.forEach((value, key) => { params[key] = decodeStringParam(value); });
  addStrings(url.searchParams);
  const type = req.headers['content-type'] ?? '';
  if (raw === '') return params;
  if (type.startsWith('application/json')) {
    try {
      const body: unknown = JSON.parse(raw);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
      return { ...params, ...(body as Json) };
    } catch { return null; }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) addStrings(new URLSearchParams(raw));
  return params;
}

function decodeStringParam(value: string): unknown {
  if (/^[[{]/.test(value)) { try { return JSON.parse(value) as unknown; } catch { return value; } }
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function checkReplyMarkup(markup: unknown): string | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null) return "Bad Request: can't parse reply keyboard markup JSON object";
  const rows = (markup as Json).keyboard ?? (markup as Json).inline_keyboard;
  if (rows === undefined) return undefined; // remove_keyboard / force_reply
  const isInline = 'inline_keyboard' in markup;
  const validRows = Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.every((button) =>
    (!isInline && typeof button === 'string') || (typeof button === 'object' && button !== null && typeof (button as Json).text === 'string')));
  if (!validRows) return "Bad Request: can't parse reply keyboard markup JSON object";
  if (isInline && (rows as Json[][]).some((row) => row.some((button) => Object.keys(button).length < 2))) {
    return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
  }
  return undefined;
}
