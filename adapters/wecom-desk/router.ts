import express, { type Request, type Response, type Router } from 'express';
import type { AgentCommand } from '../../core/agent-desk.ts';
import { AuthenticityError, InboundParseError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { DedupeStore } from '../desk-shared/dedupe.ts';
import { parseAgentMessage, WECOM_AGENT_HELP } from './command-parser.ts';
import { readInnerMessage, type WeComInnerMessage } from './inner-message.ts';
import type { WeComCallbackCrypto } from './ports.ts';

/** The app's callback URL (issue 19). */
export const WECOM_AGENTS_PATH = '/wecom/agents';

/**
 * How far a callback's `timestamp` may be from our clock. WeCom retries within seconds (5 s timeout, 3
 * retries), so a request older than this is a replay; within it, MsgId dedupe makes a replay a no-op.
 */
export const WECOM_CALLBACK_WINDOW_SECONDS = 300;

export type CommandHandler = (command: AgentCommand) => Promise<{ ok: boolean; message?: string }>;

export interface WeComRouterOptions {
  agentId: number;
  crypto: WeComCallbackCrypto;
  now: () => Date;
  logger: Logger;
  dedupe: DedupeStore;
  /** Whether this WeCom userid is a registered agent; others are refused. */
  isAgent: (userId: string) => Promise<boolean>;
  /** Sends a text to one member in the app's 1:1 chat (message/send). */
  tellAgent: (userId: string, text: string) => Promise<void>;
}

const REFUSED = '您不是已登记的客服坐席，无法处理工单。/ You are not registered as an agent.';
const TEXT_ONLY = '请发送文字指令。/ Please send text.\n' + WECOM_AGENT_HELP;

/**
 * GET/POST /wecom/agents: URL verification, and agents' 1:1 messages to the app as commands.
 * POST answers 200 with an empty body first (wecom.md §4: answer later with message/send), then acts.
 */
export function createWeComRouter(options: WeComRouterOptions, handle: CommandHandler): Router {
  const router = express.Router();
  router.get(WECOM_AGENTS_PATH, (req, res) => {
    try {
      checkTimestamp(req, options.now());
      res.status(200).type('text/plain').send(options.crypto.verifyUrl(queryOf(req)));
    } catch (error) {
      refuse(options, error, res);
    }
  });
  router.post(WECOM_AGENTS_PATH, express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    receive(options, handle, req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'wecom desk: request failed');
      if (!res.headersSent) res.status(500).end();
    });
  });
  return router;
}

async function receive(options: WeComRouterOptions, handle: CommandHandler, req: Request, res: Response): Promise<void> {
  if (!Buffer.isBuffer(req.body)) {
    options.logger.error('wecom desk: body already parsed; mount the desk router before any body parser');
    res.status(500).end();
    return;
  }
  let message: WeComInnerMessage;
  try {
    checkTimestamp(req, options.now());
    message = readInnerMessage(options.crypto.decryptCallback(queryOf(req), req.body));
  } catch (error) {
    refuse(options, error, res);
    return;
  }
  if (message.agentId !== undefined && message.agentId !== String(options.agentId)) {
    res.status(200).end();
    return;
  }
  if (message.msgType === 'event') {
    res.status(200).end();
    return;
  }
  const dedupeKey = `wecom:${message.msgId ?? `${message.fromUser}:${message.createTime ?? ''}`}`;
  if (await options.dedupe.seen(dedupeKey)) {
    res.status(200).end();
    return;
  }
  res.status(200).end();
  await act(options, handle, message);
}

async function act(options: WeComRouterOptions, handle: CommandHandler, message: WeComInnerMessage): Promise<void> {
  const agent = message.fromUser;
  const answer = (text: string): Promise<void> => options.tellAgent(agent, text).catch((error: unknown) => {
    options.logger.error({ err: error }, 'wecom desk: could not answer an agent');
  });
  if (!(await options.isAgent(agent))) {
    options.logger.warn({ msgType: message.msgType }, 'wecom desk: message from an unknown userid refused');
    return answer(REFUSED);
  }
  if (message.msgType !== 'text') return answer(TEXT_ONLY);
  const parsed = parseAgentMessage(message.content ?? '');
  if (parsed.kind === 'help') return answer(WECOM_AGENT_HELP);
  const command: AgentCommand = { ...(parsed.number !== undefined ? { number: parsed.number } : {}), agentExternalId: agent, action: parsed.action };
  let problem: string | undefined;
  try {
    const result = await handle(command);
    if (!result.ok) problem = result.message ?? 'refused';
  } catch (error) {
    options.logger.error({ err: error, number: command.number, action: command.action.type }, 'wecom desk: command failed');
    problem = 'internal error, see the hub log';
  }
  if (problem === undefined) return;
  const which = command.number !== undefined ? `#${command.number} ` : '';
  const what = command.action.type === 'reply' ? '未发送给客户 / not sent to the customer' : `${command.action.type} 失败 / failed`;
  return answer(`⚠️ ${which}${what}: ${problem}`);
}

function checkTimestamp(req: Request, now: Date): void {
  const timestamp = typeof req.query.timestamp === 'string' ? req.query.timestamp : '';
  if (!/^\d{1,12}$/.test(timestamp)) throw new AuthenticityError('missing or malformed timestamp');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WECOM_CALLBACK_WINDOW_SECONDS) {
    throw new AuthenticityError('timestamp outside the 5-minute window');
  }
}

function refuse(options: WeComRouterOptions, error: unknown, res: Response): void {
  if (error instanceof AuthenticityError || error instanceof InboundParseError) {
    options.logger.warn({ reason: error.message }, 'wecom desk: request refused');
    res.status(error.httpStatus).type('text/plain').send(error instanceof AuthenticityError ? 'unauthorized' : 'bad request');
    return;
  }
  options.logger.error({ err: error }, 'wecom desk: request failed');
  res.status(500).end();
}

function queryOf(req: Request): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.query)) query[key] = typeof value === 'string' ? value : undefined;
  return query;
}
