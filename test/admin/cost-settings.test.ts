/** The Cost page's prices: entered by an admin (AdminSetting 'cost') and used by the real cost figures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminNumbers } from '../../app/admin.ts';
import { postForm, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';
import { seedHub } from './support/seed.ts';

describe('Cost page prices', () => {
  let app: AdminApp;
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    app.deps.numbers = adminNumbers;
    await seedHub(app.db.database.prisma, app.clock.now);
    admin = await signInAs(app.url, 'admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  const tile = (page: string, metric: string) => new RegExp(`data-metric="${metric}"><span class="value">([^<]+)<`).exec(page)?.[1];
  const costPage = async (cookie: string) => (await fetch(`${app.url}/admin/cost`, { headers: { cookie } })).text();

  it('prices with the defaults until an admin enters costs (bot = a tenth of human)', async () => {
    const page = await costPage(admin.cookie);
    expect(tile(page, 'humanCost')).toBe('5');
    expect(tile(page, 'botCost')).toBe('0.50');
  });

  it('uses the costs the admin entered in the figures', async () => {
    expect((await postForm(app.url, admin, '/admin/cost/prices', { humanCost: '12', botCost: '0.8' })).status).toBe(303);
    expect((await app.db.database.prisma.adminSetting.findUniqueOrThrow({ where: { key: 'cost' } })).value).toEqual({ humanCost: 12, botCost: 0.8 });
    const page = await costPage(admin.cookie);
    expect(tile(page, 'humanCost')).toBe('12');
    expect(tile(page, 'botCost')).toBe('0.80');
    expect(page).toContain('name="humanCost" value="12"');
  });

  it('refuses a non-positive human cost, and non-admins', async () => {
    expect((await postForm(app.url, admin, '/admin/cost/prices', { humanCost: '0', botCost: '' })).status).toBe(400);
    const editor = await signInAs(app.url, 'editor');
    expect((await postForm(app.url, editor, '/admin/cost/prices', { humanCost: '1' })).status).toBe(403);
    expect(await costPage(editor.cookie)).toMatch(/cost-prices">[^]*?<fieldset disabled/);
  });
});
