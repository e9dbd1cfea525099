/**
 * A loopback WeCom API server (qyapi.weixin.qq.com) for tests, following ../shared/protocols/wecom.md:
 * `GET /cgi-bin/gettoken`, `POST /cgi-bin/kf/sync_msg` (cursor / has_more / next_cursor, callback Token),
 * `/cgi-bin/kf/send_msg`, `/cgi-bin/kf/send_msg_on_event`, `/cgi-bin/message/send`, `/cgi-bin/appchat/send`
 * and the group robot `/cgi-bin/webhook/send?key=`. Every answer is HTTP 200 with an errcode (plus the
 * `error-code` header on failures), tokens expire on the injected clock (42001), unknown ones are 40014.
 *
 * Also here: `buildWeComCallback` / `buildWeComUrlVerification`, which make signed, encrypted callbacks the
 * way WeCom sends them, for adapter tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptMessage, wechatSignature } from '../../adapters/wechat-shared/crypto.ts';
import { createErrorQueue, createTokenIssuer, errAnswer, okAnswer, readJsonBody, sendJson, textBytes, type Json, type QueuedError, type RecordedCall } from './wechat-common.ts';

export interface KfMessage extends Json {
  msgid: string;
  open_kfid: string;
  origin: number;
  msgtype: string;
}

export interface WeComApiOptions {
  corpId: string;
  secret: string;
  agentId?: number;
  /** Seconds a token lives. @defaultValue 7200 */
  tokenLifetimeSeconds?: number;
  /** Server clock (ms). @defaultValue Date.now */
  now?: () => number;
  /** Maximum messages per sync_msg page regardless of `limit` (to test paging). @defaultValue 1000 */
  pageSize?: number;
  /** Group robot keys that exist. */
  robotKeys?: string[];
}

export interface WeComApi {
  apiUrl: string;
  /** Every call with a valid token (and every gettoken), in order. */
  calls: RecordedCall[];
  /** gettoken calls made. */
  tokenFetches: number;
  /** Answers the next call to `path` (e.g. '/cgi-bin/kf/send_msg', or '*') with this errcode. */
  queueError(path: string, error: QueuedError, count?: number): void;
  /** Every issued token now answers 42001. */
  expireTokens(): void;
  /** A kf message/event WeCom would return from sync_msg; returns the callback Token that announces it. */
  addKfMessage(message: KfMessage): string;
  /** The welcome_code an enter_session event carries, accepted once by send_msg_on_event. */
  issueWelcomeCode(): string;
  close(): Promise<void>;
}

export async function startWeComApi(options: WeComApiOptions): Promise<WeComApi> {
  const now = options.now ?? Date.now;
  const tokens = createTokenIssuer(now);
  const errors = createErrorQueue();
  const kfMessages: KfMessage[] = [];
  const callbackTokens = new Set<string>();
  const welcomeCodes = new Set<string>();
  const kfSentIds = new Set<string>();
  let sequence = 0;

  const state: WeComApi = {
    apiUrl: '',
    calls: [],
    tokenFetches: 0,
    queueError: (path, error, count) => errors.queue(path, error, count),
    expireTokens: () => tokens.expireAll(),
    addKfMessage(message) {
      kfMessages.push(message);
      const token = `ENCApHxn${++sequence}`;
      callbackTokens.add(token);
      return token;
    },
    issueWelcomeCode() {
      const code = `welcome_${++sequence}`;
      welcomeCodes.add(code);
      return code;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const authenticated: Record<string, (body: Json) => Json> = {
    '/cgi-bin/kf/sync_msg': syncMsg,
    '/cgi-bin/kf/send_msg': (body) => {
      const error = checkText(body) ?? requireFields(body, ['touser', 'open_kfid']);
      if (error) return error;
      const msgid = typeof body.msgid === 'string' ? body.msgid : `srv_${++sequence}`;
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(msgid)) return errAnswer(40058, 'invalid msgid');
      if (kfSentIds.has(`${body.open_kfid}:${msgid}`)) return errAnswer(95018, 'duplicate msgid');
      kfSentIds.add(`${body.open_kfid}:${msgid}`);
      return okAnswer({ msgid });
    },
    '/cgi-bin/kf/send_msg_on_event': (body) => {
      const error = checkText(body) ?? requireFields(body, ['code']);
      if (error) return error;
      if (!welcomeCodes.delete(String(body.code))) return errAnswer(95007, 'invalid code');
      return okAnswer({ msgid: typeof body.msgid === 'string' ? body.msgid : `srv_${++sequence}` });
    },
    '/cgi-bin/message/send': (body) => {
      const error = checkText(body) ?? requireFields(body, ['touser']);
      if (error) return error;
      if (options.agentId !== undefined && Number(body.agentid) !== options.agentId) return errAnswer(40056, 'invalid agentid');
      return okAnswer({ invaliduser: '', invalidparty: '', invalidtag: '', msgid: `wecom_${++sequence}`, response_code: '' });
    },
    '/cgi-bin/appchat/send': (body) => checkText(body) ?? requireFields(body, ['chatid']) ?? okAnswer(),
  };

  function syncMsg(body: Json): Json {
    const callbackToken = body.token;
    if (callbackToken !== undefined && callbackToken !== '' && !callbackTokens.has(String(callbackToken))) return errAnswer(95007, 'invalid msg token');
    const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? decodeCursor(body.cursor) : 0;
    if (cursor === undefined) return errAnswer(95002, 'invalid cursor');
    const limit = Math.min(Number(body.limit ?? 1000) || 1000, 1000, options.pageSize ?? 1000);
    const kfid = typeof body.open_kfid === 'string' && body.open_kfid !== '' ? body.open_kfid : undefined;
    // The cursor counts positions in the whole stream; a page holds this account's messages from there on.
    const page: KfMessage[] = [];
    let position = cursor;
    while (position < kfMessages.length && page.length < limit) {
      const message = kfMessages[position]!;
      position += 1;
      if (kfid === undefined || message.open_kfid === kfid) page.push(message);
    }
    return okAnswer({ next_cursor: encodeCursor(position), has_more: position < kfMessages.length ? 1 : 0, msg_list: page });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    if (path === '/cgi-bin/gettoken' && req.method === 'GET') {
      state.tokenFetches += 1;
      state.calls.push({ path, query: { ...query, corpsecret: '[secret]' }, body: undefined });
      const queued = errors.take(path);
      if (queued) return sendJson(res, errAnswer(queued.errcode, queued.errmsg));
      if (query.corpid !== options.corpId) return sendJson(res, errAnswer(40013, 'invalid corpid'));
      if (query.corpsecret !== options.secret) return sendJson(res, errAnswer(40001, 'invalid credential'));
      const lifetime = options.tokenLifetimeSeconds ?? 7200;
      return sendJson(res, okAnswer({ access_token: tokens.issue(lifetime), expires_in: lifetime }));
    }
    if (req.method !== 'POST') return sendJson(res, errAnswer(-1, 'system error'));
    const body = await readJsonBody(req);
    if (body === 'invalid') return sendJson(res, errAnswer(47001, 'data format error'));
    if (path === '/cgi-bin/webhook/send') {
      if (!options.robotKeys?.includes(query.key ?? '')) return sendJson(res, errAnswer(93000, 'invalid webhook url'));
      state.calls.push({ path, query: { key: '[key]' }, body });
      return sendJson(res, errors.take(path) ? errAnswer(45009, 'api freq out of limit') : checkText(body ?? {}) ?? okAnswer());
    }
    const handler = authenticated[path];
    if (!handler) return sendJson(res, errAnswer(404, 'not found'));
    const tokenError = tokens.check(query.access_token);
    if (tokenError) return sendJson(res, errAnswer(tokenError.errcode, tokenError.errmsg));
    state.calls.push({ path, query: { access_token: '[token]' }, body });
    const queued = errors.take(path);
    if (queued) return sendJson(res, errAnswer(queued.errcode, queued.errmsg));
    return sendJson(res, handler(body ?? {}));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendJson(res, errAnswer(-1, 'system error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** text / markdown content must be present and at most 2048 bytes (markdown 4096 for robots). */
function checkText(body: Json): Json | undefined {
  const type = body.msgtype;
  if (type !== 'text' && type !== 'markdown') return type === undefined ? errAnswer(41008, 'missing msgtype') : undefined;
  const content = (body[type] as Json | undefined)?.content;
  if (typeof content !== 'string' || content === '') return errAnswer(44004, 'empty content');
  if (textBytes(content) > (type === 'markdown' ? 4096 : 2048)) return errAnswer(45002, 'content size out of limit');
  return undefined;
}

function requireFields(body: Json, names: string[]): Json | undefined {
  const missing = names.find((name) => body[name] === undefined || body[name] === '');
  return missing ? errAnswer(40003, `invalid ${missing}`) : undefined;
}

const encodeCursor = (position: number): string => Buffer.from(`c${position}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const match = /^c(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

export interface CallbackKeys { token: string; encodingAesKey: string; corpId: string }

/** The GET WeCom sends when the admin saves the callback URL: signed, encrypted echostr. */
export function buildWeComUrlVerification(keys: CallbackKeys, echo: string, timestamp = '1765399990', nonce = '2484986168'): Record<string, string> {
  const echostr = encryptMessage(echo, { encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId });
  return { msg_signature: wechatSignature(keys.token, timestamp, nonce, echostr), timestamp, nonce, echostr };
}

/** A POST callback as WeCom sends it: query with msg_signature, body `<xml>` with ToUserName, Encrypt, AgentID. */
export function buildWeComCallback(keys: CallbackKeys, innerXml: string, options: { timestamp?: string; nonce?: string; agentId?: string } = {}): { query: Record<string, string>; body: Buffer } {
  const timestamp = options.timestamp ?? '1765400001';
  const nonce = options.nonce ?? '6300138417';
  const encrypt = encryptMessage(innerXml, { encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId });
  const body = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${options.agentId ?? '1000002'}]]></AgentID></xml>`;
  return { query: { msg_signature: wechatSignature(keys.token, timestamp, nonce, encrypt), timestamp, nonce }, body: Buffer.from(body) };
}

/** The decrypted kf callback: "new messages for this kf account, fetch them with this Token". */
export function kfCallbackXml(corpId: string, callbackToken: string, openKfId: string, createTime = 1765400000): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[${callbackToken}]]></Token><OpenKfId><![CDATA[${openKfId}]]></OpenKfId></xml>`;
}
