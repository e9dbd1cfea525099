/**
 * Issue 19 through the WeCom app path: escalations posted to a group robot with #N, agents acting by
 * messaging the app (AES-encrypted callbacks to GET/POST /wecom/agents), against a loopback WeCom API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { tokenStoreKey } from '../../adapters/wechat-shared/access-token.ts';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { startWeComDeskApi, type WeComDeskApi } from '../loopback/wecom-desk-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, sleep, STACKS, stackConfig, stackEnvironment, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET } from '../support/hub-stacks.ts';
import { encryptedAgentMessage, type WeComKeys } from '../support/wecom-test-crypto.ts';

const KEYS: WeComKeys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const SECRET = 'secret-0123456789abcdef';
const ACCESS_TOKEN = 'loopback-access-token';
const AGENT_ID = 1000002;

interface CallbackBody { message: { text: string; suggestions: string[] } }

for (const stack of STACKS) {
  describe(`human handoff through the WeCom app, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let receiver: HttpCallbackReceiver;
    let wecom: WeComDeskApi;
    let hub: RunningHub;
    let base: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
      wecom = await startWeComDeskApi({ accessToken: ACCESS_TOKEN, robotKey: 'robot-key-1', chatIds: [] });
      const env = {
        WECOM_CORP_ID: KEYS.corpId, WECOM_AGENT_ID: String(AGENT_ID), WECOM_SECRET: SECRET, WECOM_TOKEN: KEYS.token,
        WECOM_ENCODING_AES_KEY: KEYS.encodingAesKey, WECOM_GROUP_ROBOT_URL: wecom.robotUrl, WECOM_API_URL: wecom.apiUrl,
      };
      hub = await startHub(stackConfig(stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url })), { env });
      base = `http://127.0.0.1:${hub.port}`;
      const db = testDb.database.prisma;
      await db.agent.create({ data: { name: 'Wang', wecomUserId: 'wangwei' } });
      // The app's access token, as another process would have cached it (the loopback has no gettoken).
      await db.cachedToken.create({ data: { key: tokenStoreKey('wecom', KEYS.corpId, SECRET), value: ACCESS_TOKEN, expiresAt: new Date(Date.now() + 3_600_000) } });
    });

    afterEach(async () => {
      await hub?.close();
      await wecom?.close();
      await receiver?.close();
      await testDb?.drop();
    });

    const db = () => testDb.database.prisma;
    const customerSays = async (id: string, text: string) => {
      const body = JSON.stringify({ conversation_id: 'web-1', user: { id: 'visitor-1', name: 'Lin' }, message: { id, text } });
      const response = await fetch(`${base}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
      expect(response.status).toBe(200);
    };
    const callbacks = () => receiver.received.map((callback) => (callback.body as CallbackBody).message);
    const callbackCount = (n: number, what: string) => eventually(() => callbacks().length >= n && callbacks(), undefined, what);
    let msgId = 1000;
    const agentSays = async (text: string, options: { from?: string; timestamp?: number; tamper?: boolean; msgId?: string } = {}) => {
      const message = encryptedAgentMessage(KEYS, { from: options.from ?? 'wangwei', text, msgId: options.msgId ?? String(++msgId), timestamp: options.timestamp ?? Math.floor(Date.now() / 1000), agentId: AGENT_ID });
      const query = options.tamper ? message.query.replace(/msg_signature=[0-9a-f]{4}/, 'msg_signature=0000') : message.query;
      return fetch(`${base}/wecom/agents?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: message.body });
    };

    it('posts #N to the group; "#N text" reaches the customer; text without #N continues; "#N 结束" asks for and stores a score', async () => {
      await customerSays('m-1', '转人工');
      const posted = await wecom.waitForSend('webhook/send');
      const escalation = await db().escalation.findFirstOrThrow();
      expect(JSON.stringify(posted.body)).toContain(`#${escalation.number}`);
      await callbackCount(1, 'the handoff notice');

      expect((await agentSays(`#${escalation.number} 您好，我是王伟，请问订单号是多少？`)).status).toBe(200);
      const [, reply] = await callbackCount(2, 'the agent reply');
      expect(reply!.text).toBe('您好，我是王伟，请问订单号是多少？');
      expect(await db().conversation.findFirstOrThrow()).toMatchObject({ status: 'agent' });

      await agentSays(`#${escalation.number} //查一下物流`);
      await agentSays('我这边帮您查一下。');
      const [, , next] = await callbackCount(3, 'the reply without #N');
      expect(next!.text).toBe('我这边帮您查一下。');

      // The customer's later message goes to the group under #N.
      await customerSays('m-2', '订单号 2024112233445566');
      await wecom.waitForSend('webhook/send', (send) => JSON.stringify(send.body).includes('2024112233445566'));

      await agentSays(`#${escalation.number} 结束`);
      const [, , , question] = await callbackCount(4, 'the score question');
      expect(question!.suggestions).toEqual(['1', '2', '3', '4', '5']);
      await customerSays('m-3', '4');
      await eventually(async () => (await db().conversation.findFirstOrThrow()).csatScore === 4, undefined, 'the stored score');
      expect(callbacks().some((m) => m.text.includes('查一下物流'))).toBe(false);
    });

    it('refuses forged and replayed callbacks with 401, and unknown userids; nothing changes', async () => {
      await customerSays('m-1', '转人工');
      await wecom.waitForSend('webhook/send');
      const number = (await db().escalation.findFirstOrThrow()).number!;
      expect((await agentSays(`#${number} forged`, { tamper: true })).status).toBe(401);
      expect((await agentSays(`#${number} replayed`, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      expect((await agentSays(`#${number} hello`, { from: 'stranger' })).status).toBe(200);
      // The same MsgId twice (WeCom's retry) is acted on once.
      await agentSays(`#${number} 接`, { msgId: 'dup-1' });
      await agentSays(`#${number} 接`, { msgId: 'dup-1' });
      await sleep(500);
      expect(await db().message.count({ where: { author: 'agent' } })).toBe(0);
      expect(await db().conversationEvent.count({ where: { type: 'claim' } })).toBe(1);
    });
  });
}
