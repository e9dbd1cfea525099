/** Creating admin accounts: the first one at start-up (ADMIN_EMAIL / ADMIN_PASSWORD) or from the CLI. */
import type { Db } from '../../core/storage/database.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { isAdminRole, type AdminRole } from './roles.ts';

export class AdminAccountError extends Error {
  readonly code = 'admin_account';
}

export interface NewAdmin {
  email: string;
  password: string;
  name?: string;
  role?: AdminRole;
}

/** Creates the account, or resets the password and role of an existing one with that e-mail. */
export async function createOrUpdateAdmin(db: Db, input: NewAdmin): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new AdminAccountError(`"${email}" is not an e-mail address`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AdminAccountError(problem);
  const role = input.role ?? 'admin';
  if (!isAdminRole(role)) throw new AdminAccountError(`role must be admin, editor or viewer`);
  const passwordHash = await hashPassword(input.password);
  const existing = await db.adminUser.findUnique({ where: { email } });
  if (existing) {
    await db.adminUser.update({ where: { id: existing.id }, data: { passwordHash, role, ...(input.name ? { name: input.name } : {}) } });
    await db.adminSession.deleteMany({ where: { userId: existing.id } });
    return { id: existing.id, created: false };
  }
  const user = await db.adminUser.create({ data: { email, passwordHash, role, name: input.name ?? email.split('@')[0]! } });
  return { id: user.id, created: true };
}

/**
 * At start-up: with ADMIN_EMAIL and ADMIN_PASSWORD set and no admin account yet, creates the first admin.
 * Later starts leave accounts alone, so a password changed on the page is not reset by a restart.
 */
export async function ensureFirstAdmin(db: Db, env: NodeJS.ProcessEnv): Promise<'created' | 'exists' | 'not_configured'> {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD;
  if (!email || !password) return 'not_configured';
  if ((await db.adminUser.count({ where: { role: 'admin' } })) > 0) return 'exists';
  await createOrUpdateAdmin(db, { email, password, role: 'admin' });
  return 'created';
}
