/**
 * Agents on the Settings page: the people the handoff desks match by slackUserId / wecomUserId. Admins
 * add, edit and deactivate them; rows are never deleted, because conversations and messages point at them.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { isUniqueViolation } from '../../core/storage/unique-violation.ts';
import type { AdminDependencies } from '../dependencies.ts';
import { audit } from '../http/audit.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError, AdminNotFoundError } from '../http/errors.ts';

const blankIsNull = (max: number) => z.string().trim().max(max).transform((v) => v || null);

const agentSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().max(200).refine((v) => v === '' || /^[^@\s]+@[^@\s]+$/.test(v), 'is not an e-mail address').transform((v) => v || null),
  slackUserId: blankIsNull(40),
  wecomUserId: blankIsNull(64),
  capacity: z.coerce.number().int().min(1).max(100),
  active: z.boolean(),
});
export type AgentInput = z.output<typeof agentSchema>;

/** A form post as an agent row; a missing text field is blank, an unticked checkbox is inactive. */
export function agentOf(body: Record<string, string | undefined>): AgentInput {
  const parsed = agentSchema.safeParse({
    name: body.name ?? '', email: body.email ?? '', slackUserId: body.slackUserId ?? '', wecomUserId: body.wecomUserId ?? '',
    capacity: body.capacity ?? '', active: body.active === 'on',
  });
  if (!parsed.success) throw new AdminInputError(`agent: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Agent e-mails are unique: say so instead of failing with a 500. */
async function saving<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdminInputError('agent: another agent has this e-mail');
    throw error;
  }
}

export function agentRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  const form = (req: Request) => (req.body ?? {}) as Record<string, string | undefined>;
  const saved = '/admin/settings?done=saved#agents';
  return [
    {
      method: 'post', path: '/settings/agents', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const agent = await saving(db.agent.create({ data: agentOf(form(req)) }));
        audit(deps.logger, ctx, 'agent.create', { agentId: agent.id });
        res.redirect(303, saved);
      },
    },
    {
      method: 'post', path: '/settings/agents/:id', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const { count } = await saving(db.agent.updateMany({ where: { id: String(req.params.id) }, data: agentOf(form(req)) }));
        if (count === 0) throw new AdminNotFoundError('no such agent');
        audit(deps.logger, ctx, 'agent.update', { agentId: String(req.params.id) });
        res.redirect(303, saved);
      },
    },
    {
      method: 'post', path: '/settings/agents/:id/deactivate', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const { count } = await db.agent.updateMany({ where: { id: String(req.params.id) }, data: { active: false } });
        if (count === 0) throw new AdminNotFoundError('no such agent');
        audit(deps.logger, ctx, 'agent.deactivate', { agentId: String(req.params.id) });
        res.redirect(303, saved);
      },
    },
  ];
}
