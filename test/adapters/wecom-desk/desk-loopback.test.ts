import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../../../adapters/desk-shared/dedupe.ts';
import { createWeComDesk, type WeComAppApi } from '../../../adapters/wecom-desk/index.ts';
import type { WeComDeskSettings } from '../../../adapters/wecom-desk/settings.ts';
import type { AgentCommand, AgentDesk } from '../../../core/agent-desk.ts';
import { ChannelApiError } from '../../../core/errors.ts';
import { startWeComDeskApi, type WeComDeskApi } from '../../loopback/wecom-desk-api.ts';
import { encryptedAgentMessage, testWeComCrypto, wecomDecrypt } from '../../support/wecom-test-crypto.ts';
import { makeCard } from '../slack-desk/fixtures.ts';

// wecom.md §10 configuration.
const KEYS = { token: 'eAUuJ18GCfHq0Jea', encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8', corpId: 'ww46771939afcbc44c' };
const ACCESS_TOKEN = 'loopback-access-token';
const NOW = 1_765_400_000;
const AGENTS = new Set(['LiLei', 'wangqing']);

/** The app API as wechat-shared's client provides it, reduced to a fixed token for these tests. */
function fixedTokenApi(apiUrl: string): WeComAppApi {
  return {
    async post(api, body) {
      const response = await fetch(`${apiUrl}/cgi-bin/${api}?access_token=${ACCESS_TOKEN}`, { method: 'POST', body: JSON.stringify(body) });
      const json = (await response.json()) as Record<string, unknown>;
      if (json.errcode !== 0) throw new ChannelApiError(`WeCom ${api} failed: ${String(json.errcode)}`, { apiCode: Number(json.errcode), permanent: true });
      return json;
    },
  };
}

class CommandLog {
  readonly commands: AgentCommand[] = [];
  answer: { ok: boolean; message?: string } = { ok: true };
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  readonly handle = async (command: AgentCommand): Promise<{ ok: boolean; message?: string }> => {
    this.commands.push(command);
    for (const waiter of [...this.waiters]) if (this.commands.length >= waiter.count) { waiter.resolve(); this.waiters.splice(this.waiters.indexOf(waiter), 1); }
    return this.answer;
  };
  waitFor(count: number): Promise<void> {
    return this.commands.length >= count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

let wecom: WeComDeskApi;
let server: Server | undefined;
let log: CommandLog;
let baseUrl: string;

beforeEach(async () => {
  wecom = await startWeComDeskApi({ accessToken: ACCESS_TOKEN, robotKey: 'robot-key-1', chatIds: ['kefuEsc001'] });
  log = new CommandLog();
});

afterEach(async () => {
  if (server) await new Promise<void>((resolve) => { server!.closeAllConnections(); server!.close(() => resolve()); });
  server = undefined;
  await wecom.close();
});

async function startDesk(target: { agentChatId: string } | { groupRobotUrl: string } = { agentChatId: 'kefuEsc001' }): Promise<AgentDesk> {
  const settings: WeComDeskSettings = {
    corpId: KEYS.corpId, agentId: 1000002, secret: 'S'.repeat(32), token: KEYS.token, encodingAesKey: KEYS.encodingAesKey,
    apiUrl: wecom.apiUrl, ...target,
  };
  const desk = createWeComDesk(settings, {
    fetch, now: () => new Date(NOW * 1000), logger: pino({ level: 'silent' }), dedupe: createMemoryDedupeStore(),
    api: fixedTokenApi(wecom.apiUrl), crypto: testWeComCrypto(KEYS), isAgent: async (userId) => AGENTS.has(userId),
  });
  const app = express();
  app.use(desk.router(log.handle));
  server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/agents`;
  return desk;
}

async function agentSays(text: string, options: { from?: string; msgId?: string; timestamp?: number; tamper?: boolean } = {}): Promise<number> {
  const request = encryptedAgentMessage(KEYS, {
    from: options.from ?? 'LiLei', text, msgId: options.msgId ?? String(Math.floor(Math.random() * 1e15)), timestamp: options.timestamp ?? NOW,
  });
  const query = options.tamper ? request.query.replace(/msg_signature=[0-9a-f]/, 'msg_signature=0') : request.query;
  const response = await fetch(`${baseUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: request.body });
  return response.status;
}

describe('test crypto against wecom.md §10', () => {
  it('decrypts vector B', () => {
    const encrypt = 'fXmvZeXNdBjOqqzixgBIBjkPNLVd+WjnnbVxSCPpntDWNYRjGS8FURDtfU79iZM9KrRUxaOTDiFMrAt8V/t6I6eCbTpsAuwd7nR3Za/DowDgr87yzl/Dc2tOZj4mSFXHr7cceGZNd1LFfREmP395vzLt+9RMGasp8J5fP/SALfkwNk0hT0fF+KPEVSwonwaGznDwJGQxpAy73RKOHPaMcvpFwazK3RGvXi9I6x2LObasnMZfx6gFr0FrMjs8jRlaIa9RG81YQY3VgYpXaEgT/SvdD0MK7JjLEAMF5lrJxcDxOBtZiH22ecZ9EEbiZ9fTQVP/6fL0Vld9olLkd5ouZtQQeCFfUlwPdhBz0U1/h+cXVh90hm97oyy55RmKrXrvFPQqMKZWr2aMgDsDkFqdXKd8heV7MIO/zrfBTZJ7arwvqO5oJdoYmHNh/elmd9uy4Ni8Nzopno2hcTtg/dZMrW5x/gXsCeYsOc3KoeaTEmxGKZatNtYvpu3Q2P8a0an6';
    expect(wecomDecrypt(encrypt, KEYS)).toContain('<Content><![CDATA[我的订单什么时候发货？order #A1024]]></Content>');
  });
});

describe('WeCom desk against a loopback WeCom', () => {
  it('answers URL verification with the decrypted echostr (vector A)', async () => {
    const settings = { agentChatId: 'kefuEsc001' };
    await startDesk(settings);
    const query = 'msg_signature=c829768dfd5530341df101342fac5b7e1927f191&timestamp=1765399990&nonce=2484986168&echostr=MHQmb6ySw%2ByP4jkYaNdOTVEV18go87W3cM51gcaF0VPCoiW%2FZoBRV71%2FKVqEkbFJMHXR%2FwTE%2BIUdNSmPFSPTtw%3D%3D';
    const response = await fetch(`${baseUrl}?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('4294215544765020805');
    const forged = await fetch(`${baseUrl}?${query.replace('msg_signature=c8', 'msg_signature=d8')}`);
    expect(forged.status).toBe(401);
  });

  it('posts the card with #N to the appchat group, and status lines after', async () => {
    const desk = await startDesk();
    const ref = await desk.postCard(makeCard());
    expect(ref).toEqual({ target: 'appchat:kefuEsc001', number: '42' });
    const sent = await wecom.waitForSend('appchat/send');
    expect(sent.body).toMatchObject({ chatid: 'kefuEsc001', msgtype: 'markdown' });
    expect(JSON.stringify(sent.body)).toContain('#42 升级工单');
    await desk.updateCard(ref, makeCard({ status: 'claimed', holder: { agentId: 'a', name: '王青' } }));
    await desk.postToThread(ref, 'Ann: 还没到 <@all>');
    expect(wecom.sends.slice(1).map((send) => (send.body.markdown as { content: string }).content)).toEqual([
      '#42 处理中 claimed · 处理人 Holder: 王青', '#42 Ann: 还没到 ＜@all＞',
    ]);
  });

  it('posts through the group robot webhook when configured', async () => {
    const desk = await startDesk({ groupRobotUrl: wecom.robotUrl });
    await desk.postCard(makeCard());
    const sent = await wecom.waitForSend('webhook/send');
    expect((sent.body.markdown as { content: string }).content).toContain('#42');
    wecom.failNext(1, 45009, 'api freq out of limit');
    const limited = await desk.postCard(makeCard()).catch((error: unknown) => error);
    expect((limited as ChannelApiError).details).toMatchObject({ apiCode: 45009, permanent: false });
  });

  it('turns agents’ 1:1 messages into commands', async () => {
    await startDesk();
    expect(await agentSays('#42 您好，订单 A1024 已发货')).toBe(200);
    await log.waitFor(1);
    await agentSays('#42 接');
    await log.waitFor(2);
    await agentSays('稍等，我再查一下', { from: 'wangqing' });
    await log.waitFor(3);
    expect(log.commands).toEqual([
      { number: 42, agentExternalId: 'LiLei', action: { type: 'reply', text: '您好，订单 A1024 已发货' } },
      { number: 42, agentExternalId: 'LiLei', action: { type: 'claim' } },
      { agentExternalId: 'wangqing', action: { type: 'reply', text: '稍等，我再查一下' } },
    ]);
  });

  it('answers anything unclear with help, and refuses unknown userids', async () => {
    await startDesk();
    await agentSays('结束');
    const help = await wecom.waitForSend('message/send', (send) => send.body.touser === 'LiLei');
    expect((help.body.text as { content: string }).content).toContain('#N 接 / claim');
    await agentSays('#42 您好', { from: 'stranger' });
    const refusal = await wecom.waitForSend('message/send', (send) => send.body.touser === 'stranger');
    expect((refusal.body.text as { content: string }).content).toContain('not registered as an agent');
    expect(log.commands).toEqual([]);
  });

  it('handles a re-sent MsgId once, and refuses forged or stale callbacks with 401', async () => {
    await startDesk();
    expect(await agentSays('#42 first', { msgId: '7391826450192837465' })).toBe(200);
    expect(await agentSays('#42 first', { msgId: '7391826450192837465' })).toBe(200);
    expect(await agentSays('#42 forged', { tamper: true })).toBe(401);
    expect(await agentSays('#42 stale', { timestamp: NOW - 301 })).toBe(401);
    expect(await agentSays('#42 future', { timestamp: NOW + 301 })).toBe(401);
    await agentSays('#42 last');
    await log.waitFor(2);
    expect(log.commands.map((command) => (command.action as { text: string }).text)).toEqual(['first', 'last']);
  });

  it('tells the agent when a reply could not be relayed', async () => {
    await startDesk();
    log.answer = { ok: false, message: '#42 is held by 王青' };
    await agentSays('#42 hello');
    const report = await wecom.waitForSend('message/send', (send) => send.body.touser === 'LiLei');
    expect((report.body.text as { content: string }).content).toBe('⚠️ #42 未发送给客户 / not sent to the customer: #42 is held by 王青');
    expect(report.body).toMatchObject({ msgtype: 'text', agentid: 1000002 });
  });
});
