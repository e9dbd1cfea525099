/**
 * `npm start` is what systemd units and container images run, and their stop signal reaches npm, not the
 * hub: the hub must stop with it, leaving no process behind (it used to run on, orphaned, under
 * npm → tsx → node). And a worker without channel settings must refuse to start instead of failing every
 * delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT_MS, waitForStart } from '../support/hub-process.ts';
import { eventually } from '../support/hub-stacks.ts';
import { groupAlive, killAllGroups, spawnInGroup } from '../support/process-groups.ts';
import { REPO_ROOT, scriptWords } from '../support/start-script.ts';
import { createEmptyDatabase } from '../support/test-database.ts';

/** Shutdown closes the HTTP server, the worker (after its active jobs) and the database: seconds, at most. */
const STOP_BOUND_MS = 60_000;

describe('the documented start commands', () => {
  let database: { url: string; remove: () => Promise<void> };
  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
  });
  afterAll(async () => {
    await killAllGroups();
    await database?.remove();
  });

  // npm runs a script under `sh -c`, and signals only that shell, which dies and leaves its child running
  // (Debian's dash does not exec a lone command): `exec` makes node the shell, so npm's signal reaches it.
  it('exec node directly on one entry point, so a stop signal reaches the hub', () => {
    const [start, web, worker] = (['start', 'start:web', 'start:worker'] as const).map(scriptWords);
    expect(start!.slice(0, 4)).toEqual(['exec', 'node', '--import', 'tsx']);
    expect(start).toHaveLength(5);
    expect(web).toEqual([...start!, '--role=web']);
    expect(worker).toEqual([...start!, '--role=worker']);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm start stops on ${signal} sent to npm, leaving no process behind`, { timeout: HUB_START_TIMEOUT_MS + STOP_BOUND_MS + 10_000 }, async () => {
      const npm = spawnInGroup('npm', ['start', '--silent'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', MATCHER_ENCODER: 'none', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const logs: Array<Record<string, unknown>> = [];
      const started = await waitForStart(npm, 'npm start', logs, HUB_START_TIMEOUT_MS);
      const health = await fetch(`http://127.0.0.1:${started.port as number}/healthz`);
      expect(health.status).toBe(200);
      process.kill(npm.pid!, signal); // npm only, as a process manager does; npm passes it on
      await eventually(() => !groupAlive(npm.pid!), STOP_BOUND_MS, 'every process of npm start to exit');
      expect(logs.map((line) => line.msg)).toContain('shutting down');
    });
  }

  it('npm run start:worker without any channel settings refuses to start, saying what to set', { timeout: HUB_START_TIMEOUT_MS }, async () => {
    const npm = spawnInGroup('npm', ['run', 'start:worker', '--silent'], {
      cwd: REPO_ROOT,
      // Configuration is checked before anything connects: these servers are never contacted.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: 'postgresql://127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', KEFU_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    npm.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => npm.once('exit', (exitCode) => resolve(exitCode)));
    expect(stderr).toMatch(/ROLE=worker has no inbox configured/);
    expect(code).toBe(78);
  });
});
