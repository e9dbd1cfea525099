/** Who may do what on the admin page: viewers read, editors change the knowledge base, admins everything. */
export const ADMIN_ROLES = ['viewer', 'editor', 'admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Stored in place of a role when an admin disables an account: not a role, so it grants nothing. */
export const DISABLED_ROLE = 'disabled';

export function isAdminRole(value: string): value is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `required` does (roles are ordered). */
export function hasRole(role: string, required: AdminRole): boolean {
  return isAdminRole(role) && ADMIN_ROLES.indexOf(role) >= ADMIN_ROLES.indexOf(required);
}
