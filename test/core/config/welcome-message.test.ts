import { describe, expect, it } from 'vitest';
import { DEFAULT_WELCOME_MESSAGE, loadConfig } from '../../../core/config/config.ts';

const welcomeOf = (env: Readonly<Record<string, string | undefined>>) => loadConfig(env, {}, () => undefined).welcomeMessage;

describe('WELCOME_MESSAGE', () => {
  it.each([
    { env: {}, expected: DEFAULT_WELCOME_MESSAGE, why: 'unset: the bilingual default' },
    { env: { WELCOME_MESSAGE: '' }, expected: DEFAULT_WELCOME_MESSAGE, why: 'empty counts as unset' },
    { env: { WELCOME_MESSAGE: 'off' }, expected: '', why: '"off" sends no welcome' },
    { env: { WELCOME_MESSAGE: '欢迎！\\nWelcome!' }, expected: '欢迎！\nWelcome!', why: 'a written \\n is a line break' },
  ])('$why', ({ env, expected }) => {
    expect(welcomeOf(env)).toBe(expected);
  });
  it('has both languages by default', () => {
    expect(DEFAULT_WELCOME_MESSAGE).toMatch(/[\u4e00-\u9fff]/);
    expect(DEFAULT_WELCOME_MESSAGE).toMatch(/welcome/i);
  });
});
