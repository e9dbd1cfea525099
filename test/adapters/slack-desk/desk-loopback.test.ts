import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../../../adapters/desk-shared/dedupe.ts';
import { createMemoryThreadIndex } from '../../../adapters/desk-shared/thread-index.ts';
import { createSlackDesk } from '../../../adapters/slack-desk/index.ts';
import type { AgentCommand, AgentDesk, DeskRef } from '../../../core/agent-desk.ts';
import { ChannelApiError } from '../../../core/errors.ts';
import {
  blockActionsPayload, postToSlackRouter, startSlackApi, threadReplyEvent, type SlackApi,
} from '../../loopback/slack-api.ts';
import { makeCard } from './fixtures.ts';

const TOKEN = 'xoxb-1-2-loopback';
const SECRET = 'c44c180dfd2b22a7eb7d98b6096772f4';
const CHANNEL = 'C0001';
const NOW = 1_761_500_000;

/** The hub's side of the desk in these tests: records commands and answers as configured. */
class CommandLog {
  readonly commands: AgentCommand[] = [];
  answer: { ok: boolean; message?: string } = { ok: true };
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  readonly handle = async (command: AgentCommand): Promise<{ ok: boolean; message?: string }> => {
    this.commands.push(command);
    for (const waiter of [...this.waiters]) if (this.commands.length >= waiter.count) { waiter.resolve(); this.waiters.splice(this.waiters.indexOf(waiter), 1); }
    return this.answer;
  };
  /** Resolves once `count` commands have been handled in total. */
  waitFor(count: number): Promise<void> {
    if (this.commands.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

let slack: SlackApi;
let server: Server;
let desk: AgentDesk;
let log: CommandLog;
let eventsUrl: string;
let threads: ReturnType<typeof createMemoryThreadIndex>;

beforeEach(async () => {
  slack = await startSlackApi({ token: TOKEN, channels: [CHANNEL] });
  threads = createMemoryThreadIndex();
  log = new CommandLog();
  desk = createSlackDesk(
    { botToken: TOKEN, signingSecret: SECRET, agentChannel: CHANNEL, apiUrl: slack.apiUrl },
    { fetch, now: () => new Date(NOW * 1000), logger: pino({ level: 'silent' }), dedupe: createMemoryDedupeStore(), threads },
  );
  const app = express();
  app.use(desk.router(log.handle));
  app.use(express.json()); // the hub's own routes may parse JSON after the desk's router
  server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  await slack.close();
});

async function postCard(): Promise<DeskRef> {
  const card = makeCard();
  const ref = await desk.postCard(card);
  threads.add(ref, card.escalationId);
  return ref;
}
const event = (body: Record<string, unknown>, options: { timestamp?: number; signature?: string; retryNum?: number } = {}) =>
  postToSlackRouter(eventsUrl, SECRET, { kind: 'event', body }, { timestamp: NOW, ...options });

describe('Slack desk against a loopback Slack', () => {
  it('posts one card to the agents’ channel and updates it with state and holder', async () => {
    const ref = await postCard();
    expect(ref).toEqual({ channel: CHANNEL, ts: slack.messages[0]!.ts });
    const posted = await slack.waitForCall('chat.postMessage');
    expect(posted.params.channel).toBe(CHANNEL);
    expect(JSON.stringify(posted.params.blocks)).toContain('kefu_claim');

    await desk.updateCard(ref, makeCard({ status: 'claimed', holder: { agentId: 'a1', name: 'Wang Qing' } }));
    expect(slack.messages).toHaveLength(1);
    expect(JSON.stringify(slack.messages[0]!.blocks)).toContain('Wang Qing');
    expect(JSON.stringify(slack.messages[0]!.blocks)).not.toContain('kefu_claim');
  });

  it('answers the url_verification challenge', async () => {
    const response = await event({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    expect(response).toEqual({ status: 200, body: '{"challenge":"c-123"}' });
  });

  it('turns a thread reply into a reply command for that escalation', async () => {
    const ref = await postCard();
    const response = await event(threadReplyEvent({ eventId: 'Ev1', channel: CHANNEL, threadTs: ref.ts!, text: '您好，已为您查询 &amp; 加急' }));
    expect(response.status).toBe(200);
    await log.waitFor(1);
    expect(log.commands).toEqual([{ escalationId: 'esc_1', agentExternalId: 'U0AGENT', action: { type: 'reply', text: '您好，已为您查询 & 加急' } }]);
  });

  it('turns a `//` reply into an internal note, never a reply', async () => {
    const ref = await postCard();
    await event(threadReplyEvent({ eventId: 'Ev2', channel: CHANNEL, threadTs: ref.ts!, text: '// VIP, refund approved by Li' }));
    await log.waitFor(1);
    expect(log.commands).toEqual([{ escalationId: 'esc_1', agentExternalId: 'U0AGENT', action: { type: 'note', text: 'VIP, refund approved by Li' } }]);
    expect(log.commands.some((command) => command.action.type === 'reply')).toBe(false);
  });

  it('never relays our own posts or other bots’ messages', async () => {
    const ref = await postCard();
    const threadTs = ref.ts!;
    await event(threadReplyEvent({ eventId: 'EvB1', channel: CHANNEL, threadTs, text: 'from another bot', extra: { bot_id: 'B0999' } }));
    await event(threadReplyEvent({ eventId: 'EvB2', channel: CHANNEL, threadTs, text: 'bot message', extra: { subtype: 'bot_message', user: undefined, bot_id: 'B0001' } }));
    await event(threadReplyEvent({ eventId: 'EvB3', channel: CHANNEL, threadTs, text: 'our own user without bot_id', user: 'U0BOT' }));
    await event(threadReplyEvent({ eventId: 'EvB4', channel: CHANNEL, threadTs, text: 'a real agent' }));
    await log.waitFor(1);
    // The last one is processed after the others (same auth.test answer, later request): one command only.
    await event(threadReplyEvent({ eventId: 'EvB5', channel: CHANNEL, threadTs, text: 'another real one' }));
    await log.waitFor(2);
    expect(log.commands.map((command) => (command.action as { text: string }).text)).toEqual(['a real agent', 'another real one']);
  });

  it('processes Slack’s retries of one event_id once', async () => {
    const ref = await postCard();
    const body = threadReplyEvent({ eventId: 'EvRetry', channel: CHANNEL, threadTs: ref.ts!, text: 'only once' });
    expect((await event(body)).status).toBe(200);
    expect((await event(body, { retryNum: 1 })).status).toBe(200);
    expect((await event(body, { retryNum: 2 })).status).toBe(200);
    await event(threadReplyEvent({ eventId: 'EvAfter', channel: CHANNEL, threadTs: ref.ts!, text: 'next' }));
    await log.waitFor(2);
    expect(log.commands.map((command) => (command.action as { text: string }).text)).toEqual(['only once', 'next']);
  });

  it('answers 401 to a forged signature or a stale timestamp and handles nothing', async () => {
    const ref = await postCard();
    const body = threadReplyEvent({ eventId: 'EvForged', channel: CHANNEL, threadTs: ref.ts!, text: 'forged' });
    const forged = await event(body, { signature: `v0=${'0'.repeat(64)}` });
    const wrongSecret = await postToSlackRouter(eventsUrl, 'f'.repeat(32), { kind: 'event', body }, { timestamp: NOW });
    const stale = await event(body, { timestamp: NOW - 301 });
    const future = await event(body, { timestamp: NOW + 301 });
    const click = await postToSlackRouter(eventsUrl, SECRET, {
      kind: 'interaction', payload: blockActionsPayload({ channel: CHANNEL, messageTs: ref.ts!, actionId: 'kefu_claim', blockId: 'kefu:esc_1:main', value: 'esc_1' }),
    }, { timestamp: NOW - 400 });
    expect([forged.status, wrongSecret.status, stale.status, future.status, click.status]).toEqual([401, 401, 401, 401, 401]);
    // The same event, properly signed, is still new: the refused copies did not mark it seen.
    await event(body);
    await log.waitFor(1);
    expect(log.commands).toHaveLength(1);
  });

  it('turns card buttons into commands', async () => {
    const ref = await postCard();
    const click = (actionId: string, blockId: string, value: string, actionTs: string) => postToSlackRouter(eventsUrl, SECRET, {
      kind: 'interaction', payload: blockActionsPayload({ channel: CHANNEL, messageTs: ref.ts!, actionId, blockId, value, actionTs }),
    }, { timestamp: NOW });
    expect((await click('kefu_claim', 'kefu:esc_1:main', 'esc_1', '1.1')).status).toBe(200);
    await log.waitFor(1);
    await click('kefu_send_suggestion', 'kefu:esc_1:s1', '1', '1.2');
    await log.waitFor(2);
    await click('kefu_approve_draft', 'kefu:esc_1:draft', 'esc_1', '1.3');
    await log.waitFor(3);
    expect(log.commands).toEqual([
      { escalationId: 'esc_1', agentExternalId: 'U0AGENT', action: { type: 'claim' } },
      { escalationId: 'esc_1', agentExternalId: 'U0AGENT', action: { type: 'send_suggestion', index: 1 } },
      { escalationId: 'esc_1', agentExternalId: 'U0AGENT', action: { type: 'approve_draft' } },
    ]);
  });

  it('reports a relay that failed in the card’s thread', async () => {
    const ref = await postCard();
    log.answer = { ok: false, message: 'conversation is held by <Wang>' };
    await event(threadReplyEvent({ eventId: 'EvFail', channel: CHANNEL, threadTs: ref.ts!, text: 'hello' }));
    const report = await slack.waitForCall('chat.postMessage', (call) => call.params.thread_ts === ref.ts);
    expect(report.params.text).toBe(':warning: <@U0AGENT> Not sent to the customer: conversation is held by &lt;Wang&gt;');
  });

  it('reports a handler that threw in the card’s thread', async () => {
    const ref = await postCard();
    const failing = createSlackDesk(
      { botToken: TOKEN, signingSecret: SECRET, agentChannel: CHANNEL, apiUrl: slack.apiUrl },
      { fetch, now: () => new Date(NOW * 1000), logger: pino({ level: 'silent' }), dedupe: createMemoryDedupeStore(), threads },
    );
    const app = express();
    app.use(failing.router(async () => { throw new Error('database down'); }));
    const other = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/slack/events`;
      await postToSlackRouter(url, SECRET, { kind: 'event', body: threadReplyEvent({ eventId: 'EvThrow', channel: CHANNEL, threadTs: ref.ts!, text: 'hi' }) }, { timestamp: NOW });
      const report = await slack.waitForCall('chat.postMessage', (call) => call.params.thread_ts === ref.ts);
      expect(String(report.params.text)).toContain('Not sent to the customer: internal error');
    } finally {
      await new Promise<void>((resolve) => { other.closeAllConnections(); other.close(() => resolve()); });
    }
  });

  it('posts customer messages into the thread as escaped text', async () => {
    const ref = await postCard();
    await desk.postToThread(ref, 'Ann: <!channel> 还没到 & 怎么办');
    const posted = slack.messages.at(-1)!;
    expect(posted).toMatchObject({ thread_ts: ref.ts, text: 'Ann: &lt;!channel&gt; 还没到 &amp; 怎么办' });
  });

  it('maps Slack’s refusals and rate limits to ChannelApiError', async () => {
    slack.failNext(1, 'channel_not_found');
    const notFound = await desk.postCard(makeCard()).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(ChannelApiError);
    expect((notFound as ChannelApiError).details).toMatchObject({ apiCode: 'channel_not_found', permanent: true });

    slack.rateLimitNext(1, 7);
    const limited = await desk.postCard(makeCard()).catch((error: unknown) => error);
    expect((limited as ChannelApiError).details).toMatchObject({ status: 429, retryAfterSeconds: 7, permanent: false });

    const badToken = createSlackDesk(
      { botToken: 'xoxb-wrong', signingSecret: SECRET, agentChannel: CHANNEL, apiUrl: slack.apiUrl },
      { fetch, now: () => new Date(NOW * 1000), logger: pino({ level: 'silent' }), dedupe: createMemoryDedupeStore(), threads },
    );
    const unauthorized = await badToken.postCard(makeCard()).catch((error: unknown) => error);
    expect((unauthorized as ChannelApiError).details).toMatchObject({ apiCode: 'invalid_auth', permanent: true });
  });
});
