/**
 * Customer attributes from the business's own system (VIP, order value, tags), for routing: an optional
 * signed webhook the hub calls before routing a customer's message, with a short timeout, its answer cached
 * on the contact for a while. Whatever goes wrong (timeout, error, a malformed answer), routing goes on with
 * what the contact record already holds: a slow CRM must never hold a customer's answer.
 *
 * Request: POST <url>, JSON `{ contact_id, channel, external_user_id, display_name }`, signed like the HTTP
 * channel: `X-Kefu-Timestamp: <unix s>`, `X-Kefu-Signature: v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>`.
 * Answer: JSON `{ "vip"?: boolean, "orderValue"?: number, "tags"?: string[] }` (other fields ignored).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { ConversationReference } from '../messages.ts';
import type { Db } from '../storage/database.ts';

export interface EnrichmentSettings {
  url: string;
  secret: string;
  /** @defaultValue 800 */
  timeoutMs: number;
  /** How long an answer is trusted before asking again. @defaultValue 10 minutes */
  ttlMs: number;
}

export interface ContactFacts {
  vip?: boolean;
  orderValue?: number;
  tags?: string[];
}

const answerSchema = z.object({
  vip: z.boolean().optional(),
  orderValue: z.number().finite().nonnegative().optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
});

/** Where the cached answer lives in Contact.attributes. */
const CACHE_KEY = 'enrichment';

export type ContactEnricher = (contact: { id: string; displayName: string | null; attributes: unknown }, reference: ConversationReference) => Promise<ContactFacts>;

export function createContactEnricher(options: { db: Db; fetch: typeof fetch; settings: EnrichmentSettings; logger: Logger; now?: () => Date }): ContactEnricher {
  const now = options.now ?? (() => new Date());
  return async (contact, reference) => {
    const attributes = isRecord(contact.attributes) ? contact.attributes : {};
    const cached = readCache(attributes[CACHE_KEY], now(), options.settings.ttlMs);
    if (cached) return cached;
    const facts = await ask(contact, reference, options, now());
    if (!facts) return readCache(attributes[CACHE_KEY], now(), Number.POSITIVE_INFINITY) ?? {};
    await options.db.contact.update({
      where: { id: contact.id },
      data: { attributes: { ...attributes, [CACHE_KEY]: { ...facts, fetchedAt: now().toISOString() } }, ...(facts.vip !== undefined ? { vip: facts.vip } : {}) },
    });
    return facts;
  };
}

async function ask(
  contact: { id: string; displayName: string | null },
  reference: ConversationReference,
  options: { fetch: typeof fetch; settings: EnrichmentSettings; logger: Logger },
  at: Date,
): Promise<ContactFacts | undefined> {
  const body = JSON.stringify({ contact_id: contact.id, channel: reference.channel, external_user_id: reference.externalUserId, display_name: contact.displayName });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', options.settings.secret).update(`${timestamp}.${body}`).digest('hex');
  try {
    const response = await options.fetch(options.settings.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-timestamp': timestamp, 'x-kefu-signature': `v1=${signature}` },
      body,
      signal: AbortSignal.timeout(options.settings.timeoutMs),
    });
    if (!response.ok) {
      options.logger.warn({ status: response.status }, 'contact enrichment refused; routing on the stored contact');
      return undefined;
    }
    const parsed = answerSchema.safeParse(await response.json());
    if (!parsed.success) {
      options.logger.warn('contact enrichment answered in the wrong shape; routing on the stored contact');
      return undefined;
    }
    return parsed.data;
  } catch (error) {
    options.logger.warn({ reason: (error as Error).name }, 'contact enrichment failed; routing on the stored contact');
    return undefined;
  }
}

function readCache(value: unknown, at: Date, ttlMs: number): ContactFacts | undefined {
  if (!isRecord(value) || typeof value.fetchedAt !== 'string') return undefined;
  if (at.getTime() - Date.parse(value.fetchedAt) > ttlMs) return undefined;
  const parsed = answerSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
