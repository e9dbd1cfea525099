/**
 * Property-based test over the whole callback path of each WeChat channel, through the running hub's webhook
 * receiver (config file, verification, decryption, XML reading, ingest): random bodies, random signatures and
 * query strings, truncated or padded ciphertexts under a valid signature, random XML inside a valid envelope.
 * The response is always 200, 400, 401 or 413 (never 500), the hub stays up, and nothing is stored unless the
 * request was authentic (signed with the inbox's token and encrypted for its receiveid).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptMessage, wechatSignature } from '../../adapters/wechat-shared/crypto.ts';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { buildOfficialPush, startOfficialApi, type OfficialApi } from '../loopback/wechat-official-api.ts';
import { buildWeComCallback, startWeComApi, type WeComApi } from '../loopback/wecom-api.ts';
import { STACKS, stackConfig, stackEnvironment } from '../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const CORP = { corpId: 'ww46771939afcbc44c', secret: 'wecom-app-secret-0123456789abcdef', token: 'eAUuJ18GCfHq0Jea', encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8' };
const OPEN_KF_ID = 'wkTestAccount01';
const AGENT_ID = 1000002;
const OA = { appId: 'wx9ba34a95e3d93b64', appSecret: 'oa-app-secret-0123456789abcdef01', token: 'lM6mHvYMovIX', encodingAesKey: 'C8fsAkQYxJ4sv3iDmHTNQvdR0c69iWPXlzNGImqKG2Q' };
const CONFIG_FILE = 'wechat.config.json';
const RUNS = 200;
const ALLOWED = [200, 400, 401, 413];

type Channel = 'kf' | 'oa' | 'wecom';
interface Attempt {
  method: 'GET' | 'POST';
  query: Record<string, string>;
  body: Buffer;
  /** Signed with the inbox's token over a ciphertext that decrypts for its receiveid: may be stored. */
  authentic: boolean;
}

const TAGS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId', 'Event', 'EventKey', 'Encrypt', 'AgentID', 'Token', 'OpenKfId', 'MediaId'];
/** Random XML, well formed or not: tags WeChat uses with random values, raw or in CDATA, sometimes a DOCTYPE. */
const randomXml = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TAGS), fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/)), fc.string({ maxLength: 40 }), fc.boolean()), { maxLength: 8 }),
    fc.constantFrom('', '<!DOCTYPE xml [<!ENTITY a "aaaa">]>', '<?xml version="1.0"?>'),
    fc.boolean(),
  )
  .map(([fields, prologue, closed]) => `${prologue}<xml>${fields.map(([tag, value, cdata]) => `<${tag}>${cdata ? `<![CDATA[${value}]]>` : value}</${tag}>`).join('')}${closed ? '</xml>' : ''}`);
const randomText = fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[A-Za-z0-9+/=]{0,120}$/), randomXml);
const randomQuery = fc.dictionary(fc.constantFrom('msg_signature', 'signature', 'timestamp', 'nonce', 'echostr', 'encrypt_type', 'openid', 'x'), fc.string({ maxLength: 60 }), { maxKeys: 6 });
const timestampAndNonce = fc.tuple(fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.stringMatching(/^[0-9]{1,10}$/));

/** A valid ciphertext cut short or grown at the end, signed anyway: authentic signature, broken crypto. */
function mangled(encrypt: string, change: number, filler: string): string {
  return change < 0 ? encrypt.slice(0, Math.max(0, encrypt.length + change)) : encrypt + filler.repeat(change);
}

function envelope(channel: Channel, encrypt: string): string {
  return channel === 'oa'
    ? `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    : `<xml><ToUserName><![CDATA[${CORP.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${AGENT_ID}]]></AgentID></xml>`;
}

/** The query that signs `encrypt` as the channel does (OA: both the URL signature and msg_signature). */
function signedQuery(channel: Channel, encrypt: string, timestamp: string, nonce: string): Record<string, string> {
  if (channel !== 'oa') return { msg_signature: wechatSignature(CORP.token, timestamp, nonce, encrypt), timestamp, nonce };
  return { signature: wechatSignature(OA.token, timestamp, nonce), timestamp, nonce, openid: 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E', encrypt_type: 'aes', msg_signature: wechatSignature(OA.token, timestamp, nonce, encrypt) };
}

function attempts(channel: Channel): fc.Arbitrary<Attempt> {
  const receiveId = channel === 'oa' ? OA.appId : CORP.corpId;
  const encodingAesKey = channel === 'oa' ? OA.encodingAesKey : CORP.encodingAesKey;
  return fc.oneof(
    // Anything at all.
    fc.record({ method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), query: randomQuery, body: fc.oneof(randomText.map((text) => Buffer.from(text)), fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes))), authentic: fc.constant(false) }),
    // A valid envelope and ciphertext under a random signature.
    fc.tuple(randomXml, randomQuery).map(([inner, query]) => ({ method: 'POST' as const, query, body: Buffer.from(envelope(channel, encryptMessage(inner, { encodingAesKey, receiveId }))), authentic: false })),
    // Signed, but the ciphertext truncated or padded.
    fc.tuple(randomXml, fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0), fc.constantFrom('A', '=', '/', '%', ' '), timestampAndNonce).map(([inner, change, filler, [timestamp, nonce]]) => {
      const encrypt = mangled(encryptMessage(inner, { encodingAesKey, receiveId }), change, filler);
      return { method: 'POST' as const, query: signedQuery(channel, encrypt, timestamp, nonce), body: Buffer.from(envelope(channel, encrypt)), authentic: false };
    }),
    // Signed and encrypted for another receiveid.
    fc.tuple(randomXml, timestampAndNonce).map(([inner, [timestamp, nonce]]) => {
      const encrypt = encryptMessage(inner, { encodingAesKey, receiveId: channel === 'oa' ? 'wx0000000000000000' : 'wwSomeoneElse0001' });
      return { method: 'POST' as const, query: signedQuery(channel, encrypt, timestamp, nonce), body: Buffer.from(envelope(channel, encrypt)), authentic: false };
    }),
    // Authentic, with random XML inside: whatever it holds, no crash.
    fc.tuple(randomXml, timestampAndNonce).map(([inner, [timestamp, nonce]]) => {
      const signed = channel === 'oa' ? buildOfficialPush(OA, inner, { mode: 'safe', timestamp, nonce }) : buildWeComCallback(CORP, inner, { timestamp, nonce });
      return { method: 'POST' as const, query: signed.query, body: signed.body, authentic: true };
    }),
  );
}

const stack = STACKS[0]!; // SQLite + in-process queue: the receiver is the same on both stacks, and this keeps the run short.

describe(`WeChat callbacks under random input, on ${stack.name}`, () => {
  let testDb: TestDatabase;
  let wecom: WeComApi;
  let official: OfficialApi;
  let hub: RunningHub | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(stack.provider);
    wecom = await startWeComApi({ corpId: CORP.corpId, secret: CORP.secret, agentId: AGENT_ID });
    official = await startOfficialApi({ appId: OA.appId, appSecret: OA.appSecret });
    const config = JSON.stringify({
      inboxes: [
        { key: 'kf', channel: 'wechat_kf', settings: { ...CORP, openKfId: OPEN_KF_ID, apiUrl: wecom.apiUrl } },
        { key: 'oa', channel: 'wechat_official', settings: { ...OA, mode: 'safe', apiUrl: official.apiUrl } },
        { key: 'wecom', channel: 'wecom', settings: { ...CORP, agentId: AGENT_ID, apiUrl: wecom.apiUrl } },
      ],
    });
    const environment = stackEnvironment(stack, testDb.url, {}, { KEFU_CONFIG: CONFIG_FILE });
    // A short sync-reply wait: an authentic random OA push is never a question worth waiting 5 seconds for.
    hub = await startHub(stackConfig(environment, { [CONFIG_FILE]: config }), { syncReplyDeadlineMs: 50 });
  });
  afterAll(async () => {
    await hub?.close();
    await wecom?.close();
    await official?.close();
    await testDb?.drop();
  });

  const stored = async () => {
    const db = testDb.database.prisma;
    const counts = await Promise.all([db.message.count(), db.conversation.count(), db.conversationEvent.count(), db.processedEvent.count(), db.channelCursor.count()]);
    return counts.join(',');
  };

  for (const channel of ['kf', 'oa', 'wecom'] as const) {
    it(`${channel}: always 200/400/401/413, never a crash, nothing stored unless authentic`, async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(attempts(channel), async (attempt) => {
          const before = await stored();
          const query = new URLSearchParams(attempt.query).toString();
          const response = await fetch(`http://127.0.0.1:${hub!.port}/webhooks/${channel}${query ? `?${query}` : ''}`, {
            method: attempt.method,
            headers: { 'content-type': 'text/xml' },
            ...(attempt.method === 'POST' ? { body: new Uint8Array(attempt.body) } : {}),
          });
          await response.arrayBuffer();
          seen.add(response.status);
          expect(ALLOWED).toContain(response.status);
          if (!attempt.authentic) expect(await stored()).toBe(before);
        }),
        { numRuns: RUNS },
      );
      // The property saw refusals, not only one answer, and the hub is still up.
      expect(seen.has(401) && seen.has(400)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${hub!.port}/healthz`)).status).toBe(200);
    });
  }
});
