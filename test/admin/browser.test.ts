/**
 * The admin page in real Chromium (Debian's /usr/bin/chromium driven by playwright-core): sign in, create
 * and edit an FAQ, try it, turn an unanswered group into an FAQ, open a transcript (customer markup shown
 * as text, never run), load the dashboard, staffing and cost pages with data; screenshots of the main
 * pages in both languages go to docs/screenshots/ for the README, only with SCREENSHOTS=1 (so a plain
 * `npm test` leaves the work tree clean).
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startAdminApp, type AdminApp } from './support/admin-app.ts';
import { HOSTILE_TEXT, seedHub } from './support/seed.ts';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const TAKE_SCREENSHOTS = process.env.SCREENSHOTS === '1';

describe('admin page in Chromium', () => {
  let app: AdminApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    ({ conversationId } = await seedHub(app.db.database.prisma, app.clock.now));
    if (TAKE_SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--headless', '--disable-gpu'] });
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = async (name: string, on: Page = page) => {
    if (TAKE_SCREENSHOTS) await on.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
  };

  it('signs in', async () => {
    await page.goto(`${app.url}/admin/faqs`);
    expect(page.url()).toContain('/admin/login');
    await shot('sign-in-en');
    await page.fill('input[name=email]', 'editor@example.com');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/faqs$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('FAQs');
  });

  it('creates an FAQ, edits it, and keeps its history', async () => {
    await page.click('text=New FAQ');
    await page.fill('input[name=question]', 'Can I change my delivery address?');
    await page.fill('textarea[name=alternatives]', 'change address\nwrong address on my order');
    await page.fill('textarea[name=answer]', 'Yes, until the parcel ships: Orders → Change address.');
    await page.fill('input[name=category]', 'shipping');
    await page.selectOption('select[name=locale]', 'en');
    await page.click('button:has-text("Save")');
    await page.waitForURL(/\/admin\/faqs\/[^/]+\?done=saved$/);
    await page.fill('textarea[name=answer]', 'Yes, until the parcel ships: open the order and choose Change address.');
    await page.selectOption('select[name=tier]', 'bot_draft');
    await page.click('button:has-text("Save")');
    await page.waitForURL(/done=saved$/);
    const history = page.locator('section.card:has(h2:has-text("History")) tbody tr');
    await expect(history.count()).resolves.toBe(2);
    await expect(history.first().textContent()).resolves.toMatch(/v2[\s\S]*editor@example\.com[\s\S]*answer, tier/);
    const faq = await app.db.database.prisma.faq.findFirstOrThrow({ where: { question: 'Can I change my delivery address?' } });
    expect(faq).toMatchObject({ version: 2, tier: 'bot_draft', alternatives: ['change address', 'wrong address on my order'] });
    expect(app.retrains).toBeGreaterThanOrEqual(2);
  });

  it('searches FAQs and tries a question', async () => {
    await page.goto(`${app.url}/admin/faqs`);
    await page.fill('input[type=search]', 'invoice');
    await page.waitForFunction(() => document.querySelectorAll('#faq-list tbody tr').length === 1);
    await page.fill('input[type=search]', '');
    await page.waitForFunction(() => document.querySelectorAll('#faq-list tbody tr').length === 5);
    await page.fill('input[name=question]', 'how long does shipping take');
    await page.click('button:has-text("Try")');
    await page.waitForSelector('#try-result ol.candidates li');
    await expect(page.locator('#try-result ol.candidates li').first().textContent()).resolves.toContain('How long does delivery take?');
    await expect(page.locator('#try-result .tier').textContent()).resolves.toMatch(/Routing: .+ — .+/);
    await shot('faqs-en');
  });

  it('turns an unanswered group into an FAQ, and adds another to the FAQ customers picked', async () => {
    await page.goto(`${app.url}/admin/unanswered`);
    const lost = page.locator('article.group', { hasText: '包裹丢了怎么办' });
    await expect(lost.locator('.count').textContent()).resolves.toBe('4×');
    await shot('unanswered-en');
    // The Chinese page too, while both groups are still there (they are used up below).
    await page.goto(`${app.url}/admin/lang/zh?back=/admin/unanswered`);
    await expect(page.locator('h1').textContent()).resolves.toBe('未解答问题');
    await shot('unanswered-zh');
    await page.goto(`${app.url}/admin/lang/en?back=/admin/unanswered`);
    await lost.locator('summary:has-text("Turn into a new FAQ")').click();
    await lost.locator('textarea[name=answer]').fill('很抱歉！请在订单页点击“联系客服”，我们会为您补发或退款。');
    await lost.locator('button:has-text("Create FAQ")').click();
    await page.waitForURL(/done=created$/);
    await expect(page.locator('article.group', { hasText: '包裹丢了怎么办' }).count()).resolves.toBe(0);
    const created = await app.db.database.prisma.faq.findFirstOrThrow({ where: { question: '包裹丢了怎么办' } });
    expect(created.alternatives).toEqual(expect.arrayContaining(['我的包裹丢了怎么办']));

    const gift = page.locator('article.group', { hasText: '礼品卡' });
    await expect(gift.locator('.picked').textContent()).resolves.toContain('怎么申请退款？');
    await gift.locator('button:has-text("Add as phrasings of the picked FAQ")').click();
    await page.waitForURL(/done=added$/);
    const refund = await app.db.database.prisma.faq.findFirstOrThrow({ where: { question: '怎么申请退款？' } });
    expect(refund.alternatives).toEqual(expect.arrayContaining(['礼品卡能退吗']));
  });

  it('filters conversations and opens a transcript, showing customer markup as text', async () => {
    await page.goto(`${app.url}/admin/conversations?status=agent`);
    await expect(page.locator('table.list tbody tr').count()).resolves.toBe(1);
    await shot('conversations-en');
    await page.click('table.list tbody a');
    await page.waitForURL(new RegExp(`/admin/conversations/${conversationId}$`));
    await expect(page.locator('.timeline li.message .text').first().textContent()).resolves.toBe(HOSTILE_TEXT);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('.timeline li.escalation').textContent()).resolves.toContain('customer_asked');
    await expect(page.locator('.timeline li.event').count()).resolves.toBe(2);
    await shot('transcript-en');
  });

  it('loads the dashboard, staffing and cost pages with data', async () => {
    for (const name of ['dashboard', 'staffing', 'cost']) {
      await page.goto(`${app.url}/admin/${name}`);
      await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLCanvasElement).dataset.drawn === '1'));
      expect(await page.locator('.tile, canvas[data-chart], table.list').count()).toBeGreaterThan(0);
      await shot(`${name}-en`);
    }
    await expect(page.locator('.tile').count()).resolves.toBeGreaterThan(0);
  });

  it('switches to Chinese with the language link and keeps it', async () => {
    await page.goto(`${app.url}/admin/settings`);
    await shot('settings-en');
    await page.click('a.lang');
    await page.waitForURL(/\/admin\/settings$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('设置');
    await shot('settings-zh');
    for (const name of ['dashboard', 'faqs', 'conversations', 'staffing', 'cost']) {
      await page.goto(`${app.url}/admin/${name}`);
      await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLCanvasElement).dataset.drawn === '1'));
      await shot(`${name}-zh`);
    }
    await page.goto(`${app.url}/admin/conversations/${conversationId}`);
    await expect(page.locator('.timeline li.escalation strong').textContent()).resolves.toBe('转人工');
    await shot('transcript-zh');
  });

  it('lets an admin add an agent on the Settings page', async () => {
    const adminContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    try {
      const adminPage = await adminContext.newPage();
      await adminPage.goto(`${app.url}/admin/settings`);
      await adminPage.fill('input[name=email]', 'admin@example.com');
      await adminPage.fill('input[name=password]', PASSWORD);
      await adminPage.click('button[type=submit]');
      await adminPage.waitForURL(/\/admin\/settings$/);
      const form = adminPage.locator('form.new-agent');
      await form.locator('input[name=name]').fill('Chen Jing');
      await form.locator('input[name=email]').fill('chen@example.com');
      await form.locator('input[name=slackUserId]').fill('U0CHEN');
      await form.locator('input[name=wecomUserId]').fill('chenjing');
      await form.locator('input[name=capacity]').fill('3');
      await form.locator('button').click();
      await adminPage.waitForURL(/done=saved/);
      await expect(adminPage.locator('table.agents input[value="U0CHEN"]').count()).resolves.toBe(1);
      const agent = await app.db.database.prisma.agent.findFirstOrThrow({ where: { name: 'Chen Jing' } });
      expect(agent).toMatchObject({ email: 'chen@example.com', slackUserId: 'U0CHEN', wecomUserId: 'chenjing', capacity: 3, active: true });
    } finally {
      await adminContext.close();
    }
  });

  it('follows Accept-Language before any choice', async () => {
    const zhContext = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    try {
      const zhPage = await zhContext.newPage();
      await zhPage.goto(`${app.url}/admin/login`);
      await expect(zhPage.locator('h2').textContent()).resolves.toBe('登录');
      await shot('sign-in-zh', zhPage);
    } finally {
      await zhContext.close();
    }
  });
});
