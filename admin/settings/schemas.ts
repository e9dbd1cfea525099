/**
 * Settings edited on the admin page, stored as JSON in AdminSetting and validated here on every read and
 * write. The routing policy ('routing') has its own module, routing-policy.ts.
 */
import { z } from 'zod';
import type { Db } from '../../core/storage/database.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const businessHoursSchema = z.object({
  timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
  /** Index 0 = Monday; null = closed. */
  days: z.array(z.object({ open: time, close: time }).nullable()).length(7)
    .default([...Array(5).fill({ open: '09:00', close: '18:00' }), null, null]),
}).prefault({});

export const holidaysSchema = z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().max(100) })).max(366).default([]);

export const peakModeSchema = z.array(z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  note: z.string().max(200),
})).max(100).default([]);

/** What a conversation costs, entered on the Cost page; the bot's defaults to a tenth of a human's (the seed). */
export const costSchema = z.object({
  humanCost: z.number().positive().max(1_000_000).default(5),
  botCost: z.number().min(0).max(1_000_000).nullable().default(null),
}).prefault({});

export const SETTINGS = { cost: costSchema, business_hours: businessHoursSchema, holidays: holidaysSchema, peak_mode: peakModeSchema } as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]>;

/** The stored value, or the default when unset or no longer valid (a bad row never breaks the page). */
export async function readSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const row = await db.adminSetting.findUnique({ where: { key } });
  const parsed = SETTINGS[key].safeParse(row?.value ?? undefined);
  return (parsed.success ? parsed.data : SETTINGS[key].parse(undefined)) as SettingValue<K>;
}

export async function writeSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>, by: string): Promise<void> {
  const json = JSON.parse(JSON.stringify(value));
  await db.adminSetting.upsert({ where: { key }, create: { key, value: json, updatedBy: by }, update: { value: json, updatedBy: by } });
}

/** Agents on duty per hour of the week (index 0 = Monday 00:00): active agents during business hours. */
export function scheduleFromBusinessHours(hours: SettingValue<'business_hours'>, agents: number): number[] {
  const week: number[] = [];
  for (let day = 0; day < 7; day++) {
    const open = hours.days[day];
    for (let hour = 0; hour < 24; hour++) {
      const start = `${String(hour).padStart(2, '0')}:00`;
      week.push(open && start >= open.open.slice(0, 2) + ':00' && start < open.close ? agents : 0);
    }
  }
  return week;
}
