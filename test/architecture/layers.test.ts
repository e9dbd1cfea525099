/**
 * The layering rules, read from the sources themselves: `core/` imports nothing from the layers that plug
 * into it (bot, adapters, admin, prisma) or from the composition root (app); the bot's runtime imports no
 * tools (eval, bench) and no upper layer; its modules meet at their front doors. A new import across a
 * line fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UPPER_LAYERS = ['bot', 'adapters', 'admin', 'app', 'prisma'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports (static and dynamic), resolved to a repo path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(ROOT, resolve(dirname(file), specifier)));
}

describe('layers', () => {
  it('core imports nothing from bot, adapters, admin, prisma or the composition root', () => {
    const upward = sourceFiles(join(ROOT, 'core')).flatMap((file) =>
      importsOf(file)
        .filter((target) => UPPER_LAYERS.includes(target.split('/')[0]!))
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('bot imports nothing from adapters, admin, prisma, the composition root or the tools (eval, bench)', () => {
    const forbidden = ['adapters', 'admin', 'prisma', 'app', 'eval', 'bench'];
    const upward = sourceFiles(join(ROOT, 'bot')).flatMap((file) =>
      importsOf(file)
        .filter((target) => forbidden.includes(target.split('/')[0]!))
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('only bot/matcher/ reaches past bot/matcher/index.ts (tests aside)', () => {
    const folders = ['bot', 'eval', 'bench', 'app', 'admin'];
    const inside = folders.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap((file) => {
      const from = relative(ROOT, file);
      if (from.startsWith('bot/matcher/')) return [];
      return importsOf(file)
        .filter((target) => target.startsWith('bot/matcher/') && target !== 'bot/matcher/index.ts')
        .map((target) => `${from} → ${target}`);
    });
    expect(inside).toEqual([]);
  });

  it('the CLIs build the bot through its front door, bot/index.ts', () => {
    const around = sourceFiles(join(ROOT, 'app/cli')).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('bot/') && target !== 'bot/index.ts')
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(around).toEqual([]);
  });

  it('reads imports well enough to catch one (the rule above is not vacuous)', () => {
    expect(importsOf(join(ROOT, 'app/hub.ts'))).toContain('bot/index.ts');
    expect(importsOf(join(ROOT, 'bot/matcher/train.ts'))).toContain('bot/numeric/sparse-vector.ts');
  });
});
