/**
 * A loopback OpenAI-compatible API: a real HTTP server on 127.0.0.1 that follows the documented contract of
 * `POST /v1/embeddings` and `POST /v1/chat/completions` — Bearer auth, `{ error: { message, type, param,
 * code } }` bodies for 401 / 400 / 404 / 429 / 500, and the documented success shapes (`object: "list"` /
 * `"chat.completion"`, `usage`, `finish_reason` …).
 *
 * Embeddings are computed, not canned: a hashed bag of character bigrams, so texts that share wording get a
 * high cosine. Chat replies come from a function the test supplies, which sees the request's messages.
 * Test switches make the next answers fail (429 / 500), arrive late (timeouts) or come back malformed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage { role: string; content: string }

export interface RecordedRequest { path: string; authorization: string | undefined; body: unknown }

export interface OpenAiLoopback {
  /** Use as the provider's baseUrl (ends in `/v1`). */
  baseUrl: string;
  /** Every request that reached a route, in order (including refused ones). */
  requests: RecordedRequest[];
  /** How the chat model answers; receives the request's messages. */
  setChatReply(reply: (messages: ChatMessage[]) => string): void;
  /** The next `count` authorised requests fail with 429 rate_limit_exceeded or 500 server_error. */
  failNext(count: number, kind: 'rate_limit' | 'server_error'): void;
  /** The next `count` authorised requests answer after `ms` milliseconds. */
  delayNext(count: number, ms: number): void;
  /** The next `count` authorised requests answer 200 with this raw body instead. */
  malformNext(count: number, rawBody: string): void;
  close(): Promise<void>;
}

type Override = { kind: 'rate_limit' | 'server_error' } | { kind: 'delay'; ms: number } | { kind: 'raw'; body: string };

export const LOOPBACK_EMBEDDING_DIMENSIONS = 256;

export async function startOpenAiLoopback(options: { apiKey: string }): Promise<OpenAiLoopback> {
  const overrides: Override[] = [];
  let chatReply: (messages: ChatMessage[]) => string = () => 'OK';
  const state: OpenAiLoopback = {
    baseUrl: '',
    requests: [],
    setChatReply: (reply) => { chatReply = reply; },
    failNext: (count, kind) => { for (let i = 0; i < count; i++) overrides.push({ kind }); },
    delayNext: (count, ms) => { for (let i = 0; i < count; i++) overrides.push({ kind: 'delay', ms }); },
    malformNext: (count, body) => { for (let i = 0; i < count; i++) overrides.push({ kind: 'raw', body }); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const path = req.url ?? '';
      let body: unknown;
      try { body = JSON.parse(raw); } catch { body = undefined; }
      state.requests.push({ path, authorization: req.headers.authorization, body });
      const route = req.method === 'POST' ? ROUTES[path] : undefined;
      if (!route) return error(res, 404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error', null);
      const auth = req.headers.authorization;
      if (auth === undefined) {
        return error(res, 401, "You didn't provide an API key.", 'invalid_request_error', null);
      }
      if (auth !== `Bearer ${options.apiKey}`) {
        const given = auth.replace(/^Bearer\s+/i, '');
        return error(res, 401, `Incorrect API key provided: ${mask(given)}.`, 'invalid_request_error', 'invalid_api_key');
      }
      const override = overrides.shift();
      if (override?.kind === 'delay') await new Promise((r) => setTimeout(r, override.ms));
      if (res.destroyed) return;
      if (override?.kind === 'rate_limit') {
        return error(res, 429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', { 'retry-after': '1' });
      }
      if (override?.kind === 'server_error') {
        return error(res, 500, 'The server had an error while processing your request.', 'server_error', null);
      }
      if (override?.kind === 'raw') return send(res, 200, override.body);
      const result = route(body, chatReply);
      if ('invalid' in result) return error(res, 400, result.invalid, 'invalid_request_error', null);
      send(res, 200, JSON.stringify(result.ok));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}

type RouteResult = { ok: unknown } | { invalid: string };
type Route = (body: unknown, chatReply: (messages: ChatMessage[]) => string) => RouteResult;

const ROUTES: Record<string, Route> = {
  '/v1/embeddings': (body) => {
    const { model, input } = (body ?? {}) as { model?: unknown; input?: unknown };
    if (typeof model !== 'string') return { invalid: "you must provide a model parameter" };
    const inputs = typeof input === 'string' ? [input] : input;
    if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((x) => typeof x === 'string' && x !== '')) {
      return { invalid: "'input' must be a non-empty string or array of strings" };
    }
    const tokens = inputs.reduce((n: number, text: string) => n + Array.from(text).length, 0);
    return { ok: {
      object: 'list',
      data: inputs.map((text: string, index) => ({ object: 'embedding', index, embedding: embed(text) })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    } };
  },
  '/v1/chat/completions': (body, chatReply) => {
    const { model, messages } = (body ?? {}) as { model?: unknown; messages?: unknown };
    if (typeof model !== 'string') return { invalid: "you must provide a model parameter" };
    if (!Array.isArray(messages) || messages.length === 0) return { invalid: "'messages' must be a non-empty array" };
    const content = chatReply(messages as ChatMessage[]);
    return { ok: {
      id: `chatcmpl-loopback${Date.now()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    } };
  },
};

/** Hashed character-bigram counts, unit length: similar wording → high cosine, deterministic. */
export function embed(text: string): number[] {
  const vector = new Array<number>(LOOPBACK_EMBEDDING_DIMENSIONS).fill(0);
  const chars = Array.from(text.toLowerCase());
  for (let i = 0; i + 1 < chars.length; i++) {
    let h = 2166136261;
    for (const c of chars[i]! + chars[i + 1]!) h = Math.imul(h ^ c.codePointAt(0)!, 16777619);
    vector[(h >>> 0) % LOOPBACK_EMBEDDING_DIMENSIONS]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

/** OpenAI shows the first and last four characters of a wrong key. */
function mask(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 4)}${'*'.repeat(key.length - 8)}${key.slice(-4)}`;
}

function error(
  res: ServerResponse, status: number, message: string, type: string, code: string | null,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify({ error: { message, type, param: null, code } }), headers);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
