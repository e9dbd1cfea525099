/**
 * The agents' desks (issue 19), wired: Slack and WeCom desks built from the environment, their routers
 * mounted at POST /slack/events and GET/POST /wecom/agents, their commands applied through core/handoff, and
 * the worker's `notify` job posting to them. A desk is off when none of its variables is set; set partly or
 * wrongly, its settings reader throws ConfigError and the hub refuses to start (exit 78).
 */
import { summarizeWorkOrder } from '../bot/assist/work-order-summary.ts';
import type { RunningBot } from '../bot/index.ts';
import { createSlackDesk, readSlackDeskSettings } from '../adapters/slack-desk/index.ts';
import { assertSignature, decryptMessage } from '../adapters/wechat-shared/crypto.ts';
import { createWeComClient } from '../adapters/wechat-shared/wecom-client.ts';
import { readWeChatXml, xmlText } from '../adapters/wechat-shared/xml.ts';
import { createWeComDesk, readWeComDeskSettings, type WeComCallbackCrypto, type WeComDeskSettings } from '../adapters/wecom-desk/index.ts';
import type { AgentDesk } from '../core/agent-desk.ts';
import type { HubConfig } from '../core/config/config.ts';
import type { ConversationService } from '../core/conversation/service.ts';
import { AuthenticityError, InboundParseError } from '../core/errors.ts';
import { createAgentCommandHandler } from '../core/handoff/commands.ts';
import type { SendRulesOf } from '../core/pipeline/send-room.ts';
import { createDatabaseDedupeStore, createDatabaseThreadIndex } from '../core/handoff/desk-stores.ts';
import { createHandoffNotifier } from '../core/handoff/notifier.ts';
import type { Logger } from '../core/logger.ts';
import type { JobHandler, JobQueue } from '../core/queue/job-queue.ts';
import type { Mount } from '../core/runtime/web-app.ts';
import type { Db } from '../core/storage/database.ts';
import { createDatabaseTokenStore } from '../core/storage/token-store.ts';

export interface DeskDependencies {
  db: Db;
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
}

/** The desks configured in `env` (none, one or both). Throws ConfigError for a half-configured desk. */
export function buildDesks(env: Readonly<Record<string, string | undefined>>, deps: DeskDependencies): AgentDesk[] {
  const desks: AgentDesk[] = [];
  const slack = readSlackDeskSettings(env);
  if (slack) {
    desks.push(createSlackDesk(slack, { fetch: deps.fetch, now: deps.now, logger: deps.logger, dedupe: createDatabaseDedupeStore(deps.db, deps.now), threads: createDatabaseThreadIndex(deps.db, 'slack') }));
  }
  const wecom = readWeComDeskSettings(env);
  if (wecom) {
    const client = createWeComClient({ fetch: deps.fetch, now: deps.now, tokens: createDatabaseTokenStore(deps.db) });
    const credentials = { apiUrl: wecom.apiUrl, corpId: wecom.corpId, secret: wecom.secret };
    desks.push(createWeComDesk(wecom, {
      fetch: deps.fetch,
      now: deps.now,
      logger: deps.logger,
      dedupe: createDatabaseDedupeStore(deps.db, deps.now),
      api: { post: async (api, body) => (await client.post(api, credentials, body)) as Record<string, unknown> },
      crypto: weComCallbackCrypto(wecom),
      isAgent: async (userId) => (await deps.db.agent.count({ where: { wecomUserId: userId, active: true } })) > 0,
    }));
  }
  return desks;
}

/** The desks' routers, each handing authenticated commands to core/handoff. */
export function deskMounts(desks: readonly AgentDesk[], deps: { db: Db; queue: JobQueue; conversations: ConversationService; logger: Logger; now: () => Date; sendRulesFor?: SendRulesOf }): Mount[] {
  return desks.map((desk) => ({ path: '/', router: desk.router(createAgentCommandHandler(deps, desk.kind)) }));
}

/** The worker's `notify` job over the configured desks. */
export function notifyHandler(
  desks: readonly AgentDesk[],
  deps: { db: Db; queue: JobQueue; logger: Logger; now: () => Date; bot: RunningBot; routing: HubConfig['routing'] },
): JobHandler<'notify'> {
  const notify = createHandoffNotifier({
    db: deps.db,
    queue: deps.queue,
    desks,
    summarize: (input) => summarizeWorkOrder(input),
    suggest: async (text) => {
      const proposal = await deps.bot.propose(text, { offered: [] });
      return proposal.kind === 'matched' ? proposal.candidates.map((c) => ({ faqId: c.faqId, question: c.question, answer: c.answer, confidence: c.confidence })) : [];
    },
    renotifyAfterMs: deps.routing.renotifyAfterSeconds * 1000,
    logger: deps.logger,
    now: deps.now,
  });
  return (data) => notify(data);
}

/** The app callback's WXBizMsgCrypt check (wecom.md §3–4) over adapters/wechat-shared. */
function weComCallbackCrypto(settings: WeComDeskSettings): WeComCallbackCrypto {
  const keys = { encodingAesKey: settings.encodingAesKey, receiveId: settings.corpId };
  const parts = (query: Readonly<Record<string, string | undefined>>) => {
    const { timestamp, nonce } = query;
    if (timestamp === undefined || nonce === undefined) throw new AuthenticityError('missing timestamp or nonce');
    return [settings.token, timestamp, nonce];
  };
  return {
    verifyUrl(query) {
      const echostr = query.echostr;
      if (echostr === undefined || echostr === '') throw new AuthenticityError('missing echostr');
      assertSignature(query.msg_signature, [...parts(query), echostr], 'msg_signature');
      return decryptMessage(echostr, keys);
    },
    decryptCallback(query, body) {
      const encrypt = xmlText(readWeChatXml(body), 'Encrypt');
      if (encrypt === undefined || encrypt === '') throw new InboundParseError('callback without Encrypt');
      assertSignature(query.msg_signature, [...parts(query), encrypt], 'msg_signature');
      return decryptMessage(encrypt, keys);
    },
  };
}
