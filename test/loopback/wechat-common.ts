/**
 * Pieces shared by the WeCom and Official Account loopback servers: the JSON answer shape (HTTP 200 +
 * errcode, as both vendors do), body reading, access-token issuing with expiry, queued errcodes and call log.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Json = Record<string, unknown>;
export interface RecordedCall { path: string; query: Record<string, string>; body: Json | undefined }
export interface QueuedError { errcode: number; errmsg: string }

export const okAnswer = (fields: Json = {}): Json => ({ errcode: 0, errmsg: 'ok', ...fields });
export const errAnswer = (errcode: number, errmsg: string): Json => ({ errcode, errmsg });

/** Issued tokens with an expiry on the server's clock; `expireAll` makes every issued token answer 42001. */
export function createTokenIssuer(now: () => number) {
  const issued = new Map<string, number>();
  return {
    issued,
    issue(lifetimeSeconds: number): string {
      const token = `tok_${randomBytes(24).toString('hex')}`;
      issued.set(token, now() + lifetimeSeconds * 1000);
      return token;
    },
    /** undefined when valid, else the vendor's error. */
    check(token: string | undefined): QueuedError | undefined {
      if (token === undefined || token === '') return { errcode: 41001, errmsg: 'access_token missing' };
      const expiresAt = issued.get(token);
      if (expiresAt === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
      if (expiresAt <= now()) return { errcode: 42001, errmsg: 'access_token expired' };
      return undefined;
    },
    expireAll(): void {
      for (const token of issued.keys()) issued.set(token, 0);
    },
  };
}

export async function readJsonBody(req: IncomingMessage): Promise<Json | undefined | 'invalid'> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return undefined;
  try {
    const body: unknown = JSON.parse(raw);
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : 'invalid';
  } catch {
    return 'invalid';
  }
}

export function sendJson(res: ServerResponse, body: Json): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
  if (typeof body.errcode === 'number' && body.errcode !== 0) {
    headers['error-code'] = String(body.errcode);
    headers['error-msg'] = String(body.errmsg ?? '');
  }
  res.writeHead(200, headers).end(JSON.stringify(body));
}

/** Errors a test queued for one API path (or '*'), answered instead of the real handling. */
export function createErrorQueue() {
  const queued = new Map<string, QueuedError[]>();
  return {
    queue(path: string, error: QueuedError, count = 1): void {
      const list = queued.get(path) ?? [];
      for (let i = 0; i < count; i++) list.push(error);
      queued.set(path, list);
    },
    take(path: string): QueuedError | undefined {
      return queued.get(path)?.shift() ?? queued.get('*')?.shift();
    },
  };
}

export const textBytes = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
