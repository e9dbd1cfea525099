/**
 * The printed table and the JSON report. Every hub figure stands next to its ratio to the ceiling
 * measured in the same run, because absolute figures move with the machine and its other tenants.
 */
import type { WebCeiling } from './ceilings/express-hmac.ts';
import type { QueueCeiling } from './ceilings/bullmq-raw.ts';
import type { ScenarioResult, PhaseResult } from './hub/scenario.ts';
import type { LongWordFigures, MatcherFigures } from './matcher/matcher-bench.ts';
import type { MachineInfo } from './lib/machine.ts';

export interface Ceilings {
  expressHmac: WebCeiling;
  bullmqRedis: QueueCeiling;
  sqliteInsertsPerSecond: { full: number; normal: number };
  postgresInsertsPerSecond: number;
}

export interface BenchReport {
  date: string;
  mode: 'quick' | 'full';
  machine: MachineInfo;
  settings: Record<string, unknown>;
  ceilings: Ceilings;
  hub: Array<ScenarioResult & { ratios: { max: PhaseRatios; half: PhaseRatios; steady: PhaseRatios; peakRss: number[] } }>;
  matcher: MatcherFigures[];
  longWords: LongWordFigures[];
  elapsedSeconds: number;
}

export type PhaseRatios = Record<string, number | null>;

/** The answering ceiling of a stack: its database's insert rate, and for BullMQ the queue's rate too. */
export function answeringCeiling(result: ScenarioResult, ceilings: Ceilings): { perSecond: number; name: string } {
  if (result.spec.stack === 'embedded') return { perSecond: ceilings.sqliteInsertsPerSecond.full, name: 'SQLite WAL inserts/s' };
  const queue = ceilings.bullmqRedis.processedPerSecond;
  const db = ceilings.postgresInsertsPerSecond;
  return queue < db ? { perSecond: queue, name: 'raw BullMQ processed/s' } : { perSecond: db, name: 'PostgreSQL inserts/s' };
}

const ratio = (value: number | undefined, ceiling: number | undefined): number | null =>
  value === undefined || ceiling === undefined || !Number.isFinite(ceiling) || ceiling <= 0 ? null : value / ceiling;

export function phaseRatios(phase: PhaseResult, result: ScenarioResult, ceilings: Ceilings, durationSeconds: number): PhaseRatios {
  const web = ceilings.expressHmac;
  const answering = answeringCeiling(result, ceilings);
  const idealDrainMs = Math.max(0, phase.accepted / answering.perSecond - durationSeconds) * 1000;
  return {
    ackPerSecond: ratio(phase.ackPerSecond, web.reqPerSecond),
    ackP50Ms: ratio(phase.ackP50Ms, web.p50Ms),
    ackP99Ms: ratio(phase.ackP99Ms, web.p99Ms),
    answeredPerSecond: ratio(phase.answeredPerSecond, answering.perSecond),
    timeToAnswerP50Ms: ratio(phase.timeToAnswerP50Ms, ceilings.bullmqRedis.latencyP50Ms),
    timeToAnswerP99Ms: ratio(phase.timeToAnswerP99Ms, ceilings.bullmqRedis.latencyP99Ms),
    drainMs: idealDrainMs > 0 ? phase.drainMs / idealDrainMs : null,
    cpuMsPerAnswered: ratio(phase.cpuMsPerAnswered, web.cpuMsPerRequest),
    eventLoopP99Ms: ratio(phase.eventLoop?.p99Ms, web.eventLoop?.p99Ms),
    eventLoopMaxMs: ratio(phase.eventLoop?.maxMs, web.eventLoop?.maxMs),
  };
}

const n0 = (value: number) => Math.round(value).toLocaleString('en-US');
const n1 = (value: number) => value.toFixed(1);
const x = (value: number | null | undefined) => (value === null || value === undefined ? '' : ` (×${value >= 10 ? value.toFixed(0) : value.toFixed(2)})`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function formatReport(report: BenchReport): string {
  const c = report.ceilings;
  const lines: string[] = [];
  lines.push(`Kefu Hub benchmark ${report.date} (${report.mode}) — ${report.machine.cpus} × ${report.machine.cpuModel}, ${mb(report.machine.memoryBytes)}, Node ${report.machine.node}`);
  lines.push('');
  lines.push('Ceilings (same run)');
  lines.push(`  express 5 + HMAC: ${n0(c.expressHmac.reqPerSecond)} req/s, p50 ${n1(c.expressHmac.p50Ms)} ms, p99 ${n1(c.expressHmac.p99Ms)} ms, ${c.expressHmac.cpuMsPerRequest.toFixed(3)} CPU ms/req, event loop p99 ${eld(c.expressHmac.eventLoop?.p99Ms)} max ${eld(c.expressHmac.eventLoop?.maxMs)}, peak RSS ${mb(c.expressHmac.peakRssBytes)}`);
  lines.push(`  raw BullMQ on Redis: ${n0(c.bullmqRedis.addsPerSecond)} adds/s, ${n0(c.bullmqRedis.processedPerSecond)} processed/s, add→process p50 ${n1(c.bullmqRedis.latencyP50Ms)} ms p99 ${n1(c.bullmqRedis.latencyP99Ms)} ms`);
  lines.push(`  SQLite WAL inserts: ${n0(c.sqliteInsertsPerSecond.full)}/s synchronous=FULL (the hub's), ${n0(c.sqliteInsertsPerSecond.normal)}/s NORMAL`);
  lines.push(`  PostgreSQL inserts (pool of 10): ${n0(c.postgresInsertsPerSecond)}/s`);
  lines.push('');
  lines.push('Hub (50 connections, signed HTTP-channel messages, 1 in 25 long or hostile); (×r) = ratio to the ceiling');
  lines.push('  load: max = every connection as fast as it goes; half = half the max ack/s, half answered = half the max answered/s, both evenly paced');
  const header = ['scenario', 'load', 'ack/s', 'ack p50 ms', 'ack p99 ms', 'answered/s', 'answer p50 ms', 'answer p99 ms', 'drain s', 'lost', 'dup', 'CPU ms/answer', 'loop p99 ms', 'loop max ms'];
  const rows: string[][] = [header];
  for (const result of report.hub) {
    const phases = [['max', result.max, result.ratios.max], ['half', result.half, result.ratios.half], ['half answered', result.steady, result.ratios.steady]] as const;
    for (const [label, phase, r] of phases) {
      rows.push([
        label === 'max' ? result.spec.name : '',
        label === 'max' ? 'max' : `${label} (${phase.offeredRate}/s)`,
        `${n0(phase.ackPerSecond)}${x(r.ackPerSecond)}`,
        `${n1(phase.ackP50Ms)}${x(r.ackP50Ms)}`,
        `${n1(phase.ackP99Ms)}${x(r.ackP99Ms)}`,
        `${n1(phase.answeredPerSecond)}${x(r.answeredPerSecond)}`,
        `${n0(phase.timeToAnswerP50Ms)}${x(r.timeToAnswerP50Ms)}`,
        `${n0(phase.timeToAnswerP99Ms)}${x(r.timeToAnswerP99Ms)}`,
        `${(phase.drainMs / 1000).toFixed(1)}${x(r.drainMs)}`,
        phase.pendingAtEnd > 0 && phase.lost === 0 ? `0 (${phase.pendingAtEnd} late)` : String(phase.lost),
        String(phase.duplicated),
        `${phase.cpuMsPerAnswered.toFixed(2)}${x(r.cpuMsPerAnswered)}`,
        phase.eventLoop ? `${n1(phase.eventLoop.p99Ms)}${x(r.eventLoopP99Ms)}` : 'n/a',
        phase.eventLoop ? `${n1(phase.eventLoop.maxMs)}${x(r.eventLoopMaxMs)}` : 'n/a',
      ]);
    }
  }
  lines.push(...table(rows));
  lines.push('');
  lines.push('Hub processes: start-up, peak RSS (×r to the express+HMAC process), CPU');
  for (const result of report.hub) {
    const processes = result.processes.map((p, i) => `${p.role} ${mb(p.peakRssBytes)}${x(result.ratios.peakRss[i])} ${n0(p.cpuMs)} CPU ms`).join(', ');
    const meaning = result.meaningReady === undefined ? '' : result.meaningReady ? ', encoder ready before load' : ', ENCODER NOT READY';
    lines.push(`  ${result.spec.name}: start ${(result.startupMs / 1000).toFixed(1)} s${meaning}; ${processes}${result.errors.length ? `; ${result.errors.length} error log lines (first: ${result.errors[0]})` : ''}`);
  }
  lines.push('');
  lines.push('Matcher alone (synthetic FAQ, half Chinese)');
  lines.push(...table([
    ['FAQs', 'phrasings', 'training s', 'match p50 ms', 'match p99 ms', 'heap MB', 'RSS MB', ...report.matcher[0]!.hostile.map((h) => `${h.name} ms`)],
    ...report.matcher.map((m) => [n0(m.faqs), String(m.phrasings), (m.trainMs / 1000).toFixed(2), m.matchP50Ms.toFixed(3), m.matchP99Ms.toFixed(3), String(Math.round(m.heapUsedBytes / 1048576)), String(Math.round(m.rssBytes / 1048576)), ...m.hostile.map((h) => n1(h.ms))]),
  ]));
  lines.push('');
  lines.push('One long word (100 FAQs; spelling correction is O(n³) in the token length)');
  for (const word of report.longWords) {
    lines.push(`  ${word.name}: ${word.byLength.map((b) => `${b.chars} chars ${n0(b.ms)} ms`).join(', ') || 'no length finished'} — ${word.outcome}`);
  }
  lines.push('');
  lines.push(`elapsed ${n0(report.elapsedSeconds)} s`);
  return lines.join('\n');
}

function eld(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : `${n1(ms)} ms`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
}
