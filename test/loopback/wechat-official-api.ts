/**
 * A loopback WeChat Official Account API server (api.weixin.qq.com) for tests, following
 * ../shared/protocols/wechat-official.md: `GET /cgi-bin/token`, `POST /cgi-bin/stable_token` (independent
 * tokens), `POST /cgi-bin/message/custom/send` with the customer-service window: an OpenID that wrote
 * (`customerWrote`) may get 5 messages within 48 hours of its last message (45047 over, 45015 after);
 * unfollowed users answer 43004. Tokens expire on the injected clock (42001).
 *
 * Also here: `buildOfficialPush` / `buildOfficialUrlVerification`, signed (and in safe mode encrypted)
 * pushes as WeChat sends them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptMessage, wechatSignature } from '../../adapters/wechat-shared/crypto.ts';
import { createErrorQueue, createTokenIssuer, errAnswer, okAnswer, readJsonBody, sendJson, textBytes, type Json, type QueuedError, type RecordedCall } from './wechat-common.ts';

export interface OfficialApiOptions {
  appId: string;
  appSecret: string;
  /** @defaultValue 7200 */
  tokenLifetimeSeconds?: number;
  /** Server clock (ms). @defaultValue Date.now */
  now?: () => number;
}

export interface OfficialApi {
  apiUrl: string;
  calls: RecordedCall[];
  tokenFetches: { token: number; stableToken: number };
  /** Messages accepted by message/custom/send. */
  sent: Json[];
  queueError(path: string, error: QueuedError, count?: number): void;
  expireTokens(): void;
  /** The user wrote to the account now: opens a 48-hour window with 5 messages. */
  customerWrote(openid: string): void;
  unfollow(openid: string): void;
  close(): Promise<void>;
}

const WINDOW_MS = 48 * 3600 * 1000;
const QUOTA = 5;

export async function startOfficialApi(options: OfficialApiOptions): Promise<OfficialApi> {
  const now = options.now ?? Date.now;
  const tokens = createTokenIssuer(now);
  const errors = createErrorQueue();
  const windows = new Map<string, { openedAt: number; left: number }>();
  const unfollowed = new Set<string>();
  const lifetime = options.tokenLifetimeSeconds ?? 7200;
  const state: OfficialApi = {
    apiUrl: '',
    calls: [],
    tokenFetches: { token: 0, stableToken: 0 },
    sent: [],
    queueError: (path, error, count) => errors.queue(path, error, count),
    expireTokens: () => tokens.expireAll(),
    customerWrote: (openid) => void windows.set(openid, { openedAt: now(), left: QUOTA }),
    unfollow: (openid) => void unfollowed.add(openid),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  function credentials(appid: unknown, secret: unknown): Json | undefined {
    if (appid !== options.appId) return errAnswer(40013, 'invalid appid');
    if (secret !== options.appSecret) return errAnswer(40001, 'invalid credential, access_token is invalid or not latest');
    return undefined;
  }

  function customSend(body: Json): Json {
    const touser = body.touser;
    if (typeof touser !== 'string' || touser === '') return errAnswer(40003, 'invalid openid');
    if (body.msgtype !== 'text') return errAnswer(40008, 'invalid message type');
    const content = (body.text as Json | undefined)?.content;
    if (typeof content !== 'string' || content === '') return errAnswer(44004, 'empty content');
    if (textBytes(content) > 2048) return errAnswer(45002, 'content size out of limit');
    if (unfollowed.has(touser)) return errAnswer(43004, 'require subscribe');
    const window = windows.get(touser);
    if (window) {
      if (now() - window.openedAt > WINDOW_MS) return errAnswer(45015, 'response out of time limit or subscription is canceled');
      if (window.left <= 0) return errAnswer(45047, 'out of response count limit');
      window.left -= 1;
    }
    state.sent.push(body);
    return okAnswer();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    if (body === 'invalid') return sendJson(res, errAnswer(47001, 'data format error'));
    if (path === '/cgi-bin/token' && req.method === 'GET') {
      state.tokenFetches.token += 1;
      state.calls.push({ path, query: { ...query, secret: '[secret]' }, body: undefined });
      const queued = errors.take(path);
      if (queued) return sendJson(res, errAnswer(queued.errcode, queued.errmsg));
      if (query.grant_type !== 'client_credential') return sendJson(res, errAnswer(40002, 'invalid grant_type'));
      return sendJson(res, credentials(query.appid, query.secret) ?? { access_token: tokens.issue(lifetime), expires_in: lifetime });
    }
    if (path === '/cgi-bin/stable_token' && req.method === 'POST') {
      state.tokenFetches.stableToken += 1;
      state.calls.push({ path, query, body: { ...body, secret: '[secret]' } });
      const queued = errors.take(path);
      if (queued) return sendJson(res, errAnswer(queued.errcode, queued.errmsg));
      if (body?.grant_type !== 'client_credential') return sendJson(res, errAnswer(40002, 'invalid grant_type'));
      return sendJson(res, credentials(body.appid, body.secret) ?? { access_token: tokens.issue(lifetime), expires_in: lifetime });
    }
    if (path !== '/cgi-bin/message/custom/send' || req.method !== 'POST') return sendJson(res, errAnswer(404, 'not found'));
    const tokenError = tokens.check(query.access_token);
    if (tokenError) return sendJson(res, errAnswer(tokenError.errcode, tokenError.errmsg));
    state.calls.push({ path, query: { access_token: '[token]' }, body });
    const queued = errors.take(path);
    if (queued) return sendJson(res, errAnswer(queued.errcode, queued.errmsg));
    return sendJson(res, customSend(body ?? {}));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendJson(res, errAnswer(-1, 'system error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export interface OfficialKeys { token: string; appId: string; encodingAesKey?: string }

/** The GET WeChat sends to verify the server URL (same in every mode): echostr is plain. */
export function buildOfficialUrlVerification(keys: OfficialKeys, echostr = '8412093357716520193', timestamp = '1761234000', nonce = '1357924680'): Record<string, string> {
  return { signature: wechatSignature(keys.token, timestamp, nonce), timestamp, nonce, echostr };
}

/**
 * A push: plain XML (plain mode), or the `<xml><ToUserName/><Encrypt/></xml>` envelope with
 * `encrypt_type=aes&msg_signature=…` (safe mode); `compatible` sends both the plain fields and Encrypt.
 */
export function buildOfficialPush(
  keys: OfficialKeys,
  innerXml: string,
  options: { mode?: 'plain' | 'safe' | 'compatible'; timestamp?: string; nonce?: string; openid?: string; toUserName?: string } = {},
): { query: Record<string, string>; body: Buffer } {
  const timestamp = options.timestamp ?? '1761234568';
  const nonce = options.nonce ?? '6521592175';
  const query: Record<string, string> = { signature: wechatSignature(keys.token, timestamp, nonce), timestamp, nonce, openid: options.openid ?? 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E' };
  const mode = options.mode ?? 'plain';
  if (mode === 'plain') return { query, body: Buffer.from(innerXml) };
  if (keys.encodingAesKey === undefined) throw new Error('safe and compatible pushes need encodingAesKey');
  const encrypt = encryptMessage(innerXml, { encodingAesKey: keys.encodingAesKey, receiveId: keys.appId });
  const envelope = mode === 'safe'
    ? `<xml><ToUserName><![CDATA[${options.toUserName ?? 'gh_3f9a2b7c1d4e'}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    : innerXml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  return { query: { ...query, encrypt_type: 'aes', msg_signature: wechatSignature(keys.token, timestamp, nonce, encrypt) }, body: Buffer.from(envelope) };
}
