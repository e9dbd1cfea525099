import type { Logger } from '../core/logger.ts';
import type { RoutingRules } from '../core/routing/policy.ts';
import type { Db } from '../core/storage/database.ts';
import type { ReportNumbers } from './reports/numbers-port.ts';

/** What the "try it" box shows: the matcher's top FAQs and the tier the routing policy would choose. */
export interface TryItResult {
  candidates: Array<{ faqId: string; question: string; confidence: number }>;
  tier: string;
  reason: string;
}

/** Result of an inbox connection check (Settings page). */
export interface InboxCheck {
  ok: boolean;
  detail: string;
}

/** Everything the admin page needs, injected by the composition root (app/hub.ts). */
export interface AdminDependencies {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Runs a question through the matcher and the routing policy without answering anyone. */
  tryIt: (question: string) => Promise<TryItResult>;
  /** Called after every FAQ change: retrain this process now (others notice the database fingerprint). */
  knowledgeChanged: () => void | Promise<void>;
  /** The config file's routing rules: what the Settings form shows until an admin saves the policy. */
  routingBase?: RoutingRules;
  /** `https://…` where channels reach the hub, for the webhook URLs on the Settings page. */
  publicUrl?: string;
  /** Asks the channel whether the inbox's credentials work (e.g. Telegram getWebhookInfo). */
  checkInbox?: (inboxKey: string) => Promise<InboxCheck>;
  /**
   * Sends a failed reply again (core/pipeline/retry-delivery.ts with the hub's queue); throws
   * StateConflictError when the message is not a failed delivery. Absent: the Deliveries page only lists.
   */
  retryDelivery?: (messageId: string) => Promise<'requeued' | 'already_queued'>;
  /** The figures of the Dashboard, Staffing and Cost pages (admin/numbers/); pages say so when absent. */
  numbers?: ReportNumbers;
  /** Cookies get `Secure` unless false (plain-HTTP tests and local use). @defaultValue true when publicUrl is https */
  secureCookies?: boolean;
  /** How long a session lasts without use. @defaultValue 12 hours */
  sessionIdleMs?: number;
}
