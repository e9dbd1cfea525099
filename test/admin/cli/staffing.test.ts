import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourOfWeek, hourOfWeekLabel } from '../../../admin/numbers/hour-of-week.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const run = promisify(execFile);
const CLI = 'admin/cli/staffing.ts';
/** Starting tsx on a busy machine can take a while; this bounds a hang, it is not a speed budget. */
const SPAWN_TIMEOUT_MS = 120_000;

async function staffing(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: SPAWN_TIMEOUT_MS,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run staffing -- --per-hour …', () => {
  it('prints the agents for Call Centre Helper’s example: 200/h, AHT 180 s, 80% in 20 s → 14 agents, 88.8%', async () => {
    const result = await staffing(['--per-hour', '200', '--handle-seconds', '180', '--target', '0.8', '--within-seconds', '20']);
    expect(result).toMatchObject({ code: 0, stdout: 'agents: 14\nservice level: 88.8%\n' });
  }, SPAWN_TIMEOUT_MS);

  it('counts an agent as n servers with --concurrency n: ceil(14 / 3) = 5 agents = 15 servers, 94.1%', async () => {
    const result = await staffing(['--per-hour', '200', '--handle-seconds', '180', '--target', '0.8', '--within-seconds', '20', '--concurrency', '3']);
    expect(result).toMatchObject({ code: 0, stdout: 'agents: 5\nservice level: 94.1%\n' });
  }, SPAWN_TIMEOUT_MS);

  it('refuses a missing flag with a usage message and exit code 64', async () => {
    const result = await staffing(['--per-hour', '200', '--handle-seconds', '180', '--target', '0.8']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--within-seconds');
    expect(result.stdout).toBe('');
  }, SPAWN_TIMEOUT_MS);

  it('refuses a target of 1 or more', async () => {
    const result = await staffing(['--per-hour', '200', '--handle-seconds', '180', '--target', '80', '--within-seconds', '20']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('target');
  }, SPAWN_TIMEOUT_MS);
});

describe('npm run staffing (forecast from the database)', () => {
  let test: TestDatabase;
  const HOUR = 60 * 60 * 1000;
  const WEEK = 168 * HOUR;
  // History starts two hours into the hour two weeks ago: under two complete weeks, so the seasonal
  // average (forecast-choice.ts), and each hour occurs twice whether or not the test runs into the next hour.
  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  const peak = new Date(thisHour - 2 * WEEK + 2 * HOUR + 60_000);
  const quiet = new Date(thisHour - WEEK - 3 * HOUR + 60_000);

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const { prisma } = test.database;
    const inbox = await prisma.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
    const contact = await prisma.contact.create({ data: {} });
    const conversation = await prisma.conversation.create({ data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: 'c', reference: {} } });
    // Peak hour: 2 escalations two weeks ago, 4 one week ago → 3 per hour. Quiet hour: 1 in two occurrences → 0.5.
    const at = [peak, peak, new Date(peak.getTime() + WEEK), new Date(peak.getTime() + WEEK), new Date(peak.getTime() + WEEK), new Date(peak.getTime() + WEEK), quiet];
    for (const createdAt of at) await prisma.escalation.create({ data: { conversationId: conversation.id, reason: 'low_confidence', tier: 'human', createdAt } });
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('prints the forecast per hour of the week, peaks first', async () => {
    const result = await staffing([], { DATABASE_URL: test.url });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('forecast: seasonal average of the last 8 weeks (2.0 weeks of history), human-routed chats per hour, peaks first');
    expect(lines.slice(1)).toEqual([`${hourOfWeekLabel(hourOfWeek(peak))}      3.00 per hour`, `${hourOfWeekLabel(hourOfWeek(quiet))}      0.50 per hour`]);
  }, SPAWN_TIMEOUT_MS);

  it('adds the agents each hour needs when the target is given', async () => {
    // 3 chats/h × 180 s = 0.15 Erlangs. One agent: C = A = 0.15, service level = 1 − 0.15·e^{−0.85·20/180} = 86.3% ≥ 80%.
    const result = await staffing(['--handle-seconds', '180', '--target', '0.8', '--within-seconds', '20'], { DATABASE_URL: test.url });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')[1]).toBe(`${hourOfWeekLabel(hourOfWeek(peak))}      3.00 per hour  agents: 1`);
  }, SPAWN_TIMEOUT_MS);
});
