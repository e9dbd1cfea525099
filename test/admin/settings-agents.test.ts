/**
 * Agents on the Settings page: an admin lists, creates, edits and deactivates them (each change a log line
 * naming who did it); editors cannot; a deactivated agent's desk commands are refused.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentCommandHandler, UNKNOWN_AGENT } from '../../core/handoff/commands.ts';
import { createConversationService } from '../../core/conversation/service.ts';
import { createInProcessQueue } from '../../core/queue/in-process-queue.ts';
import { postForm, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';

describe('Settings → agents', () => {
  let app: AdminApp;
  let admin: { cookie: string; csrf: string };
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    // The audit trail is the log: capture it.
    app.deps.logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) }));
    admin = await signInAs(app.url, 'admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates an agent with every field, lists it, and logs who did it', async () => {
    const response = await postForm(app.url, admin, '/admin/settings/agents', { name: 'Ann', email: 'Ann@Example.com', slackUserId: 'U0ANN', wecomUserId: 'ann', capacity: '3', active: 'on' });
    expect(response.status).toBe(303);
    const agent = await app.db.database.prisma.agent.findFirstOrThrow({ where: { name: 'Ann' } });
    expect(agent).toMatchObject({ email: 'ann@example.com', slackUserId: 'U0ANN', wecomUserId: 'ann', capacity: 3, active: true });
    const page = await (await fetch(`${app.url}/admin/settings`, { headers: { cookie: admin.cookie } })).text();
    expect(page).toContain(`data-agent="${agent.id}"`);
    expect(page).toContain('value="U0ANN"');
    expect(lines).toContainEqual(expect.objectContaining({ audit: 'agent.create', by: 'admin@example.com', agentId: agent.id }));
  });

  it('edits an agent (blank ids become none) and refuses a duplicate e-mail with 400', async () => {
    const agent = await app.db.database.prisma.agent.findFirstOrThrow({ where: { name: 'Ann' } });
    const edit = await postForm(app.url, admin, `/admin/settings/agents/${agent.id}`, { name: 'Ann Lee', email: 'ann@example.com', slackUserId: '', wecomUserId: 'annlee', capacity: '6', active: 'on' });
    expect(edit.status).toBe(303);
    expect(await app.db.database.prisma.agent.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ name: 'Ann Lee', slackUserId: null, wecomUserId: 'annlee', capacity: 6 });
    const twin = await postForm(app.url, admin, '/admin/settings/agents', { name: 'Twin', email: 'ann@example.com', capacity: '2', active: 'on' });
    expect(twin.status).toBe(400);
    expect(await twin.text()).toContain('another agent has this e-mail');
    expect(lines).toContainEqual(expect.objectContaining({ audit: 'agent.update', agentId: agent.id }));
  });

  it('deactivates an agent, whose desk commands are then refused', async () => {
    const db = app.db.database.prisma;
    const agent = await db.agent.findFirstOrThrow({ where: { name: 'Ann Lee' } });
    const queue = createInProcessQueue();
    const handle = createAgentCommandHandler({ db, queue, conversations: createConversationService({ db, queue, logger: app.deps.logger }), logger: app.deps.logger }, 'wecom');
    const command = { agentExternalId: 'annlee', number: 999, action: { type: 'claim' as const } };
    expect(await handle(command)).toEqual({ ok: false, message: 'no such escalation' });
    expect((await postForm(app.url, admin, `/admin/settings/agents/${agent.id}/deactivate`)).status).toBe(303);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).active).toBe(false);
    expect(await handle(command)).toEqual({ ok: false, message: UNKNOWN_AGENT });
    expect(lines).toContainEqual(expect.objectContaining({ audit: 'agent.deactivate', agentId: agent.id }));
    await queue.close();
  });

  it('lets only admins change agents', async () => {
    const editor = await signInAs(app.url, 'editor');
    expect((await postForm(app.url, editor, '/admin/settings/agents', { name: 'Eve', capacity: '2' })).status).toBe(403);
    expect(await app.db.database.prisma.agent.count({ where: { name: 'Eve' } })).toBe(0);
  });
});
