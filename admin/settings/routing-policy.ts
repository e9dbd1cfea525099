/**
 * The Settings page's routing policy, stored in AdminSetting 'routing' in exactly routingPolicySchema's
 * shape (core/routing/policy.ts), which the hub lays over the config file's (app/routing-settings.ts).
 * Business hours, holidays and peak-mode periods have their own forms (and the staffing page reads them);
 * they are folded into the stored policy whenever any of these forms is saved, so the hub reads one value.
 */
import { routingPolicySchema, TIERS, type RoutingRules, type Tier } from '../../core/routing/policy.ts';
import { mergeRoutingRules } from '../../core/routing/stored-rules.ts';
import type { Db } from '../../core/storage/database.ts';
import { AdminInputError } from '../http/errors.ts';
import { readSetting, type SettingValue } from './schemas.ts';

export const ROUTING_KEY = 'routing';

/** The rules in force as far as the admin page knows: the config file's with the stored ones over them. */
export async function effectiveRoutingRules(db: Db, base: RoutingRules): Promise<RoutingRules> {
  const row = await db.adminSetting.findUnique({ where: { key: ROUTING_KEY } });
  const merged = mergeRoutingRules(base, row?.value);
  return 'rules' in merged ? merged.rules : base;
}

/** The routing form's fields as policy keys (blank number = signal not used). */
export function routingFormRules(b: Record<string, string | undefined>): Partial<RoutingRules> {
  const optionalNumber = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v));
  const categoryTiers: Record<string, Tier> = {};
  for (const line of String(b.categoryTiers ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const [category = '', tier = ''] = line.split(/\s+/);
    if (!(TIERS as readonly string[]).includes(tier)) throw new AdminInputError(`categoryTiers: "${line}" needs a category and one of ${TIERS.join(', ')}`);
    categoryTiers[category] = tier as Tier;
  }
  return {
    categoryTiers,
    complaintRiskToHuman: optionalNumber(b.complaintRiskToHuman),
    vipToHuman: b.vipToHuman === 'on',
    orderValueToHuman: optionalNumber(b.orderValueToHuman),
    tagsToHuman: String(b.tagsToHuman ?? '').split(/[,，\s]+/).map((t) => t.trim()).filter(Boolean),
    peakMode: { windows: [], raiseBy: Number(b.peakRaiseBy) },
    loadShift: { waitingPerAgent: Number(b.waitingPerAgent), raiseBy: Number(b.loadRaiseBy), maxRaise: Number(b.loadMaxRaise) },
    renotifyAfterSeconds: Number(b.renotifyAfterSeconds),
  };
}

/** "+08:00" for a time zone at a moment (fixed from then on: the policy takes one UTC offset). */
export function utcOffset(timeZone: string, at: Date): { minutes: number; text: string } {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return { minutes: 0, text: '+00:00' };
  const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  return { minutes, text: `${match[1]}${match[2]}:${match[3]}` };
}

/** Hours (Monday-first, with an IANA zone) and holidays as the policy's businessHours (Sunday = '0'). */
export function policyBusinessHours(hours: SettingValue<'business_hours'>, holidays: SettingValue<'holidays'>, at: Date): RoutingRules['businessHours'] {
  const days: Record<string, [string, string]> = {};
  hours.days.forEach((day, mondayFirst) => {
    if (day) days[String((mondayFirst + 1) % 7)] = [day.open, day.close];
  });
  return { utcOffsetMinutes: utcOffset(hours.timeZone, at).minutes, days, holidays: holidays.map((h) => h.date) };
}

/**
 * Writes the policy: the stored (or config file's) rules, the routing form's fields when given, and the
 * hours, holidays and peak periods from their settings (only once an admin saved them: until then the
 * config file's apply). Refuses with AdminInputError what the hub would not accept.
 */
export async function saveRoutingPolicy(db: Db, base: RoutingRules, by: string, at: Date, form?: Partial<RoutingRules>): Promise<RoutingRules> {
  const current = await effectiveRoutingRules(db, base);
  const [hoursRow, peakRow, hours, holidays, peak] = await Promise.all([
    db.adminSetting.findUnique({ where: { key: 'business_hours' } }),
    db.adminSetting.findUnique({ where: { key: 'peak_mode' } }),
    readSetting(db, 'business_hours'),
    readSetting(db, 'holidays'),
    readSetting(db, 'peak_mode'),
  ]);
  const offset = utcOffset(hours.timeZone, at).text;
  const next = {
    ...current,
    ...form,
    peakMode: { raiseBy: form?.peakMode?.raiseBy ?? current.peakMode.raiseBy, windows: !peakRow ? current.peakMode.windows : peak.map((p) => ({ from: `${p.from}:00${offset}`, to: `${p.to}:00${offset}` })) },
    ...(hoursRow ? { businessHours: policyBusinessHours(hours, holidays, at) } : {}),
  };
  const parsed = routingPolicySchema.safeParse(next);
  if (!parsed.success) throw new AdminInputError(`routing: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const json = JSON.parse(JSON.stringify(parsed.data));
  await db.adminSetting.upsert({ where: { key: ROUTING_KEY }, create: { key: ROUTING_KEY, value: json, updatedBy: by }, update: { value: json, updatedBy: by } });
  return parsed.data;
}
