/**
 * Checks an e-mail and password with a lockout: after MAX_FAILURES wrong passwords for one address, that
 * address is refused for LOCK_MS whatever the password. Counted per address whether or not an account
 * exists, and an unknown address costs one scrypt too, so neither the answer nor its timing says which
 * accounts exist.
 */
import type { Db } from '../../core/storage/database.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { isAdminRole } from './roles.ts';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'locked' };

let dummyHash: Promise<string> | undefined;

export async function signIn(db: Db, emailInput: string, password: string, now: Date): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const throttle = await db.adminLoginThrottle.findUnique({ where: { email } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return { ok: false, reason: 'locked' };
  const user = await db.adminUser.findUnique({ where: { email } });
  dummyHash ??= hashPassword('not a real password, only spends time');
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  // A disabled account (admin/users) counts as a wrong password: the answer does not say it exists.
  if (user && valid && isAdminRole(user.role)) {
    await db.adminLoginThrottle.deleteMany({ where: { email } });
    return { ok: true, userId: user.id };
  }
  const failures = (throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0)) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await db.adminLoginThrottle.upsert({
    where: { email },
    create: { email, failures, lockedUntil },
    update: { failures, lockedUntil },
  });
  return { ok: false, reason: lockedUntil ? 'locked' : 'invalid' };
}
