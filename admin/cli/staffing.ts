/**
 * `npm run staffing -- --per-hour <arrivals> --handle-seconds <s> --target <0..1> --within-seconds <s> [--concurrency <n>]`
 *   prints the fewest agents meeting the service level (Erlang C; with concurrency n an agent counts as n
 *   servers) and the service level they give, exactly:
 *     agents: N
 *     service level: NN.N%
 *
 * Without --per-hour: the forecast of human-routed chats per hour of the week from the database at
 * DATABASE_URL (default file:./data/kefu.db), peaks first, with the agents each hour needs when
 * --handle-seconds, --target and --within-seconds are given. Extra options there: --weeks <n> (default 8),
 * --time-zone <IANA name> (default UTC).
 *
 * Exit codes: 0 done, 64 a flag is missing or wrong (message on stderr).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { agentsNeeded } from '../numbers/erlang-c.ts';
import { forecastHumanArrivals, staffingPlan } from '../numbers/forecast.ts';
import { hourOfWeekLabel } from '../numbers/hour-of-week.ts';

const USAGE =
  'usage: npm run staffing -- --per-hour <arrivals> --handle-seconds <s> --target <0..1> --within-seconds <s> [--concurrency <n>]\n' +
  '       npm run staffing -- [--handle-seconds <s> --target <0..1> --within-seconds <s>] [--concurrency <n>] [--weeks <n>] [--time-zone <zone>]';

class UsageError extends Error {}

/** Every flag the command knows; an unknown one is a usage error, not silently ignored. */
const { values } = readFlags();

try {
  if (values['per-hour'] !== undefined) printAgents();
  else await printForecast();
} catch (error) {
  if (!(error instanceof UsageError || error instanceof RangeError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exitCode = 64;
}

function readFlags() {
  try {
    return parseFlags();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(64);
  }
}

function parseFlags() {
  return parseArgs({
    options: {
      'per-hour': { type: 'string' },
      'handle-seconds': { type: 'string' },
      target: { type: 'string' },
      'within-seconds': { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      weeks: { type: 'string', default: '8' },
      'time-zone': { type: 'string', default: 'UTC' },
    },
    strict: true,
  });
}

function printAgents(): void {
  if (values['handle-seconds'] === undefined || values.target === undefined || values['within-seconds'] === undefined) {
    throw new UsageError('--handle-seconds, --target and --within-seconds are required with --per-hour');
  }
  const target = serviceTarget()!;
  const plan = agentsNeeded({ ...target, arrivalsPerHour: numberFlag('per-hour') });
  console.log(`agents: ${plan.agents}`);
  console.log(`service level: ${percent(plan.serviceLevel)}`);
}

async function printForecast(): Promise<void> {
  const target = serviceTarget();
  const url = process.env.DATABASE_URL ?? 'file:./data/kefu.db';
  await applyMigrations(url);
  const database = await openDatabase(url);
  try {
    const forecast = await forecastHumanArrivals(database.prisma, {
      end: new Date(),
      weeks: numberFlag('weeks'),
      timeZone: values['time-zone'],
    });
    console.log(`forecast: ${forecast.method} (${forecast.weeksUsed.toFixed(1)} weeks of history), human-routed chats per hour, peaks first`);
    if (forecast.error !== null) {
      // Why this method: each one's mean error per hour when it predicted the last complete week.
      console.log(`checked on the last complete week: ${forecast.compared.map((entry) => `${entry.method} ±${entry.error.toFixed(2)}`).join(', ')}`);
    }
    const schedule = new Array<number>(168).fill(0);
    const rows = target
      ? staffingPlan({ ...target, forecast: forecast.perHour, schedule })
      : forecast.perHour.map((arrivals, hourOfWeek) => ({ hourOfWeek, arrivals, needed: undefined })).sort((a, b) => b.arrivals - a.arrivals || a.hourOfWeek - b.hourOfWeek);
    for (const row of rows) {
      if (row.arrivals === 0) continue;
      const agents = row.needed === undefined ? '' : `  agents: ${row.needed}`;
      console.log(`${hourOfWeekLabel(row.hourOfWeek)}  ${row.arrivals.toFixed(2).padStart(8)} per hour${agents}`);
    }
    if (rows.every((row) => row.arrivals === 0)) console.log('no human-routed chats in the history yet');
  } finally {
    await database.close();
  }
}

/** The Erlang C inputs, or undefined when none are given (forecast only); half of them is a mistake. */
function serviceTarget(): { handleSeconds: number; target: number; withinSeconds: number; concurrency: number } | undefined {
  const given = (['handle-seconds', 'target', 'within-seconds'] as const).filter((name) => values[name] !== undefined);
  if (given.length === 0) return undefined;
  if (given.length < 3) throw new UsageError('--handle-seconds, --target and --within-seconds go together');
  const concurrency = numberFlag('concurrency');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1');
  return { handleSeconds: numberFlag('handle-seconds'), target: numberFlag('target'), withinSeconds: numberFlag('within-seconds'), concurrency };
}

function numberFlag(name: 'per-hour' | 'handle-seconds' | 'target' | 'within-seconds' | 'concurrency' | 'weeks'): number {
  const text = values[name];
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got ${text ?? 'nothing'}`);
  return value;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
