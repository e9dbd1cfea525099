import express, { type Request, type Response, type Router } from 'express';
import type { AgentCommand, DeskRef } from '../../core/agent-desk.ts';
import { AuthenticityError, InboundParseError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { DedupeStore } from '../desk-shared/dedupe.ts';
import type { DeskThreadIndex } from '../desk-shared/thread-index.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { parseSlackRequest, type SlackInbound } from './inbound.ts';
import { verifySlackRequest } from './verify.ts';

/** The one URL Slack posts events, interactivity and slash commands to (issue 19). */
export const SLACK_EVENTS_PATH = '/slack/events';

export type CommandHandler = (command: AgentCommand) => Promise<{ ok: boolean; message?: string }>;

export interface SlackRouterOptions {
  signingSecret: string;
  agentChannel: string;
  now: () => Date;
  logger: Logger;
  dedupe: DedupeStore;
  threads: DeskThreadIndex;
  /** Our bot's user id (auth.test), so our own messages are never relayed even without a bot_id. */
  botUserId: () => Promise<string | undefined>;
  /** Posts mrkdwn (already escaped) into a card's thread: failures are reported there, never dropped. */
  postStatus: (ref: DeskRef, mrkdwn: string) => Promise<void>;
}

const SLASH_HELP = 'Work escalations from their cards: reply in a card\'s thread to answer the customer (start with `//` for an internal note), or use its buttons.';

/**
 * POST /slack/events: verify → read → dedupe → answer 200 → act (slack.md §2–3: ack within 3 s, work after).
 *
 * Why not Bolt's ExpressReceiver: its signature check reads the wall clock and accepts future timestamps,
 * and it does not dedupe retries; the two kinds of request the desk acts on (thread replies and card
 * buttons) need no listener machinery. The raw body is read here, per route, because the signature covers
 * the exact bytes — a global `express.json()` in front of this router would break every request.
 */
export function createSlackRouter(options: SlackRouterOptions, handle: CommandHandler): Router {
  const router = express.Router();
  router.post(SLACK_EVENTS_PATH, express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    receive(options, handle, req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'slack desk: request failed');
      if (!res.headersSent) res.status(500).end();
    });
  });
  return router;
}

async function receive(options: SlackRouterOptions, handle: CommandHandler, req: Request, res: Response): Promise<void> {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body)) {
    options.logger.error('slack desk: body already parsed; mount the desk router before any body parser');
    res.status(500).end();
    return;
  }
  const headers = flatHeaders(req);
  let inbound: SlackInbound;
  try {
    verifySlackRequest({ headers, body }, options.signingSecret, options.now());
    inbound = parseSlackRequest(body, headers['content-type'], options.agentChannel);
  } catch (error) {
    if (error instanceof AuthenticityError || error instanceof InboundParseError) {
      options.logger.warn({ reason: error.message }, 'slack desk: request refused');
      res.status(error.httpStatus).type('text/plain').send(error instanceof AuthenticityError ? 'unauthorized' : 'bad request');
      return;
    }
    throw error;
  }
  switch (inbound.kind) {
    case 'challenge':
      res.status(200).json({ challenge: inbound.challenge });
      return;
    case 'slash_command':
      res.status(200).json({ response_type: 'ephemeral', text: SLASH_HELP });
      return;
    case 'ignored':
      res.status(200).end();
      return;
    default:
      break;
  }
  if (await options.dedupe.seen(`slack:${inbound.dedupeKey}`)) {
    options.logger.info({ retryNum: headers['x-slack-retry-num'] }, 'slack desk: repeated delivery skipped');
    res.status(200).end();
    return;
  }
  res.status(200).end();
  if (inbound.kind === 'thread_message') await relayThreadMessage(options, handle, inbound);
  else await runAction(options, handle, inbound);
}

async function relayThreadMessage(
  options: SlackRouterOptions,
  handle: CommandHandler,
  message: Extract<SlackInbound, { kind: 'thread_message' }>,
): Promise<void> {
  if (message.user === (await options.botUserId())) return;
  const ref: DeskRef = { channel: message.channel, ts: message.threadTs };
  const escalationId = await options.threads.escalationIdFor(ref);
  if (escalationId === undefined) return; // a thread under some other message, not a card
  await runCommand(options, handle, ref, { escalationId, agentExternalId: message.user, action: message.action });
}

async function runAction(
  options: SlackRouterOptions,
  handle: CommandHandler,
  click: Extract<SlackInbound, { kind: 'action' }>,
): Promise<void> {
  const ref: DeskRef = { channel: click.channel, ts: click.messageTs };
  await runCommand(options, handle, ref, { escalationId: click.escalationId, agentExternalId: click.user, action: click.action });
}

/** Runs one command; a refusal or failure is written into the card's thread so the agent sees it. */
async function runCommand(options: SlackRouterOptions, handle: CommandHandler, ref: DeskRef, command: AgentCommand): Promise<void> {
  let problem: string | undefined;
  try {
    const result = await handle(command);
    if (!result.ok) problem = result.message ?? 'refused';
  } catch (error) {
    options.logger.error({ err: error, escalationId: command.escalationId, action: command.action.type }, 'slack desk: command failed');
    problem = 'internal error, see the hub log';
  }
  if (problem === undefined) return;
  const what = command.action.type === 'reply' ? 'Not sent to the customer' : `Could not ${command.action.type.replace('_', ' ')}`;
  try {
    await options.postStatus(ref, `:warning: <@${command.agentExternalId}> ${what}: ${escapeMrkdwn(problem)}`);
  } catch (error) {
    options.logger.error({ err: error, escalationId: command.escalationId }, 'slack desk: could not report a failed command');
  }
}

function flatHeaders(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
  return headers;
}
