/**
 * A loopback WeCom API for the agent desk's sends (wecom.md §5, §8): `POST /cgi-bin/appchat/send` and
 * `/cgi-bin/message/send` with `?access_token=` (wrong → 40014), `POST /cgi-bin/webhook/send?key=` (wrong →
 * 93000), unknown chat → 86003; errors are HTTP 200 `{"errcode":N,"errmsg":…}`. Records every accepted send.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
export interface WeComSend { api: 'appchat/send' | 'message/send' | 'webhook/send'; body: Json }

export interface WeComDeskApi {
  apiUrl: string;
  robotUrl: string;
  sends: WeComSend[];
  /** Answer the next `count` sends with this errcode. */
  failNext(count: number, errcode: number, errmsg: string): void;
  waitForSend(api: WeComSend['api'], match?: (send: WeComSend) => boolean): Promise<WeComSend>;
  close(): Promise<void>;
}

export async function startWeComDeskApi(options: { accessToken: string; robotKey: string; chatIds: string[] }): Promise<WeComDeskApi> {
  const failures: Array<{ errcode: number; errmsg: string }> = [];
  const waiters: Array<{ api: string; match: (send: WeComSend) => boolean; resolve: (send: WeComSend) => void }> = [];
  const state: WeComDeskApi = {
    apiUrl: '', robotUrl: '', sends: [],
    failNext: (count, errcode, errmsg) => { for (let i = 0; i < count; i++) failures.push({ errcode, errmsg }); },
    waitForSend(api, match = () => true) {
      const found = state.sends.find((send) => send.api === api && match(send));
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ api, match, resolve }));
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = url.pathname.replace(/^\/cgi-bin\//, '') as WeComSend['api'];
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Json;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json; } catch { return reply(res, { errcode: 47001, errmsg: 'data format error' }); }
    if (api === 'webhook/send') {
      if (url.searchParams.get('key') !== options.robotKey) return reply(res, { errcode: 93000, errmsg: 'invalid webhook url' });
    } else if (api === 'appchat/send' || api === 'message/send') {
      if (url.searchParams.get('access_token') !== options.accessToken) return reply(res, { errcode: 40014, errmsg: 'invalid access_token' });
      if (api === 'appchat/send' && !options.chatIds.includes(String(body.chatid))) return reply(res, { errcode: 86003, errmsg: 'chat not found' });
    } else {
      res.writeHead(404).end();
      return;
    }
    const failure = failures.shift();
    if (failure) return reply(res, failure);
    const send: WeComSend = { api, body };
    state.sends.push(send);
    for (const waiter of [...waiters]) {
      if (waiter.api === api && waiter.match(send)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(send); }
    }
    reply(res, { errcode: 0, errmsg: 'ok', ...(api === 'message/send' ? { invaliduser: '', msgid: `msg${state.sends.length}` } : {}) });
  }

  const server = createServer((req, res) => { handle(req, res).catch(() => reply(res, { errcode: -1, errmsg: 'system busy' })); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.apiUrl = base;
  state.robotUrl = `${base}/cgi-bin/webhook/send?key=${options.robotKey}`;
  return state;
}

function reply(res: ServerResponse, body: Json): void {
  if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
