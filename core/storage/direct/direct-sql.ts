/**
 * Plain SQL on the hub's own database connection, for the few paths where Prisma's per-statement cost is the
 * whole budget (a webhook's insert: one Prisma statement costs ~250 µs of CPU on SQLite, the same statement
 * through the driver ~5 µs; `bench/micro/sqlite-statement.ts`). Everything else stays on Prisma.
 *
 * SQL is written once for both databases: `?` placeholders (numbered for PostgreSQL), double-quoted Prisma
 * table and column names, and only syntax SQLite and PostgreSQL share.
 */

/** A value bound to a placeholder. Dates are stored as Prisma stores them; JSON columns take `jsonValue(…)`. */
export type SqlValue = string | number | null | Date | JsonText;

/** A JSON column's value, serialized (a plain string would be stored as a JSON string on PostgreSQL too). */
export interface JsonText {
  readonly json: string;
}

/** Wraps a value for a JSON column. */
export function jsonValue(value: unknown): JsonText {
  return { json: JSON.stringify(value) };
}

/** A row as read: the caller names the columns it selected and converts them with the helpers below. */
export type SqlRow = Record<string, unknown>;

/** Statements: inside a transaction, or on their own (each its own transaction) on DirectSql itself. */
export interface DirectTransaction {
  /** The first row `sql` returns, or undefined. */
  one(sql: string, values: readonly SqlValue[]): Promise<SqlRow | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, values: readonly SqlValue[]): Promise<number>;
}

export interface DirectSql extends DirectTransaction {
  /**
   * Runs `work` in one write transaction: committed when it resolves, rolled back when it throws (the error
   * is rethrown; a unique violation as `DirectUniqueViolation`).
   */
  transaction<T>(work: (tx: DirectTransaction) => Promise<T>): Promise<T>;
}

/** A write hit a unique constraint: "already stored", the hub's idempotency signal (as Prisma's P2002). */
export class DirectUniqueViolation extends Error {
  /** Prisma's code for the same failure, so `isUniqueViolation` treats both alike. */
  readonly code = 'P2002';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DirectUniqueViolation';
  }
}

/** A DateTime column read back (SQLite keeps Prisma's ISO text; PostgreSQL's parser gives a Date). */
export function dateColumn(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`expected a date column, got ${typeof value}`);
}

/** A nullable DateTime column read back. */
export function optionalDateColumn(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateColumn(value);
}

/** A text column read back. */
export function textColumn(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a text column, got ${typeof value}`);
  return value;
}

/** A nullable text column read back. */
export function optionalTextColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : textColumn(value);
}

/** A JSON column read back (SQLite keeps the text, PostgreSQL's parser gives the value). */
export function jsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A nullable Int or Float column read back. */
export function optionalNumberColumn(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') throw new TypeError(`expected a number column, got ${typeof value}`);
  return value;
}

/** A Boolean column read back (SQLite keeps 0 or 1, PostgreSQL's parser gives a boolean). */
export function booleanColumn(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw new TypeError(`expected a boolean column, got ${typeof value}`);
}
