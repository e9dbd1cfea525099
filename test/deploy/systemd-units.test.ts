/** The systemd units start what package.json defines, in the role their name says. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** `Key=value` lines of a unit's [Service] section. */
function serviceSettings(unit: string): Map<string, string[]> {
  const text = readFileSync(new URL(`deploy/systemd/${unit}`, root), 'utf8');
  const section = text.split(/^\[/m).find((part) => part.startsWith('Service]')) ?? '';
  const settings = new Map<string, string[]>();
  for (const line of section.split('\n').slice(1)) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  return settings;
}

describe.each([
  ['kefu-web@.service', 'web'],
  ['kefu-worker@.service', 'worker'],
])('%s', (unit, role) => {
  const settings = serviceSettings(unit);

  it(`runs an npm script that exists and starts the ${role} role`, () => {
    const [execStart] = settings.get('ExecStart') ?? [];
    const match = /^\/usr\/bin\/npm run ([\w:-]+)$/.exec(execStart ?? '');
    expect(match, `ExecStart=${execStart}`).not.toBeNull();
    const script = scripts[match![1]!];
    expect(script).toBeDefined();
    expect(script).toContain(`--role=${role}`);
    // exec: the stop signal reaches node, not just npm.
    expect(script).toMatch(/^exec node /);
  });

  it('reads its secrets from an environment file and stops with SIGTERM', () => {
    expect(settings.get('EnvironmentFile')).toEqual(['/etc/kefu-hub/env']);
    expect(settings.get('KillSignal')).toEqual(['SIGTERM']);
  });
});

it('gives each web instance its own port', () => {
  expect(serviceSettings('kefu-web@.service').get('Environment')).toContain('PORT=300%i');
});

it('gives each worker instance its own metrics port', () => {
  expect(serviceSettings('kefu-worker@.service').get('Environment')).toContain('METRICS_PORT=946%i');
});
