/**
 * Failed deliveries: the page lists outgoing replies with status 'failed' and their reason; Retry (editor and
 * up) hands the reply back to the delivery job through core/pipeline/retry-delivery.ts on a real queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryFailedDelivery } from '../../core/pipeline/retry-delivery.ts';
import { createInProcessQueue } from '../../core/queue/in-process-queue.ts';
import type { JobQueue, RunningWorker } from '../../core/queue/job-queue.ts';
import { postForm, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';
import { seedHub } from './support/seed.ts';

describe('failed deliveries page', () => {
  let app: AdminApp;
  let queue: JobQueue;
  let worker: RunningWorker;
  let failedId: string;
  let sentId: string;
  const delivered: string[] = [];
  let deliveredOne: () => void = () => undefined;

  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    const db = app.db.database.prisma;
    const { conversationId } = await seedHub(db, app.clock.now);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const reply = (text: string, status: string, failureReason: string | null) =>
      db.message.create({ data: { conversationId, inboxId: conversation.inboxId, direction: 'outgoing', author: 'bot', text, status, failureReason, attempts: 12 } });
    failedId = (await reply('Your parcel ships tomorrow.', 'failed', 'telegram 403: bot was blocked by the user')).id;
    sentId = (await reply('Hello!', 'sent', null)).id;
    queue = createInProcessQueue();
    const idle = async () => undefined;
    // A deliver handler that only records: the test checks the job arrives, not the channel.
    worker = queue.work({ answer: idle, pull: idle, deliver: async ({ messageId }) => void (delivered.push(messageId), deliveredOne()) });
    app.deps.retryDelivery = (messageId) => retryFailedDelivery(db, queue, messageId);
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await app?.close();
  });

  it('lists a failed reply with its reason, and no sent one', async () => {
    const viewer = await signInAs(app.url, 'viewer');
    const page = await (await fetch(`${app.url}/admin/deliveries`, { headers: { cookie: viewer.cookie } })).text();
    expect(page).toContain(`data-message="${failedId}"`);
    expect(page).toContain('telegram 403: bot was blocked by the user');
    expect(page).not.toContain(`data-message="${sentId}"`);
    expect(page).not.toContain(`/admin/deliveries/${failedId}/retry`); // viewers see no Retry button
  });

  it('refuses Retry to a viewer', async () => {
    const viewer = await signInAs(app.url, 'viewer');
    expect((await postForm(app.url, viewer, `/admin/deliveries/${failedId}/retry`)).status).toBe(403);
    expect((await app.db.database.prisma.message.findUniqueOrThrow({ where: { id: failedId } })).status).toBe('failed');
  });

  it('moves a failed reply back to queued on Retry and queues its delivery job', async () => {
    const editor = await signInAs(app.url, 'editor');
    const page = await (await fetch(`${app.url}/admin/deliveries`, { headers: { cookie: editor.cookie } })).text();
    expect(page).toContain(`/admin/deliveries/${failedId}/retry`);
    const jobRan = new Promise<void>((resolve) => (deliveredOne = resolve));
    const response = await postForm(app.url, editor, `/admin/deliveries/${failedId}/retry`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/deliveries?done=retried');
    expect(await app.db.database.prisma.message.findUniqueOrThrow({ where: { id: failedId } })).toMatchObject({ status: 'queued', attempts: 0, failureReason: null });
    await jobRan;
    expect(delivered).toEqual([failedId]);
    const after = await (await fetch(`${app.url}/admin/deliveries`, { headers: { cookie: editor.cookie } })).text();
    expect(after).not.toContain(`data-message="${failedId}"`);
  });

  it('refuses to retry a reply that was sent (never sent twice)', async () => {
    const editor = await signInAs(app.url, 'editor');
    const response = await postForm(app.url, editor, `/admin/deliveries/${sentId}/retry`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not a failed delivery');
  });
});
