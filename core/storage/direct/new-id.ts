import { randomBytes } from 'node:crypto';

let counter = randomBytes(2).readUInt16BE(0);

/**
 * A row id in the shape Prisma's `@default(cuid())` gives (25 lowercase base-36 characters starting with "c",
 * the time first), for rows written with plain SQL: both kinds sort and look alike.
 */
export function newRowId(now: number = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const time = now.toString(36).padStart(8, '0').slice(-8);
  const count = counter.toString(36).padStart(4, '0');
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(13, '0').slice(-12);
  return `c${time}${count}${random}`;
}
