import type { Db } from '../core/storage/database.ts';
import type { FaqTrainingEntry, Matcher } from './matcher/index.ts';

/** An FAQ as the answering code sees it. */
export interface KnowledgeEntry extends FaqTrainingEntry {
  answer: string;
  category: string;
  locale: string;
}

/** A trained model together with the entries it was trained on. */
export interface KnowledgeSnapshot {
  matcher: Matcher;
  entries: ReadonlyMap<string, KnowledgeEntry>;
  fingerprint: string;
}

export interface KnowledgeBaseOptions {
  db: Db;
  /** Trains the matcher; the hub's trains in a worker thread (bot/training/), so it returns a promise. */
  train: (entries: readonly FaqTrainingEntry[]) => Matcher | Promise<Matcher>;
  /** How often to ask the database whether FAQs changed. @defaultValue 2000 */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * The current FAQ model of this process, retrained when FAQs change.
 *
 * Why a database fingerprint instead of a message bus: every web and worker process already shares the
 * database, so each one notices an admin edit or import within `checkEveryMs` by one cheap aggregate
 * query (count + latest update), retrains in-process, and no restart or extra service is needed.
 */
export class KnowledgeBase {
  private snapshot: KnowledgeSnapshot | null = null;
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<KnowledgeSnapshot> | null = null;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: KnowledgeBaseOptions) {
    this.checkEveryMs = options.checkEveryMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** The up-to-date snapshot; concurrent callers share one refresh. */
  async current(): Promise<KnowledgeSnapshot> {
    if (this.snapshot && this.now() - this.lastCheckAt < this.checkEveryMs) return this.snapshot;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async refresh(): Promise<KnowledgeSnapshot> {
    const fingerprint = await this.fingerprint();
    this.lastCheckAt = this.now();
    if (this.snapshot?.fingerprint === fingerprint) return this.snapshot;
    const rows = await this.options.db.faq.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } });
    const entries = new Map<string, KnowledgeEntry>();
    for (const row of rows) {
      entries.set(row.id, {
        id: row.id,
        question: row.question,
        alternatives: toStringArray(row.alternatives),
        answer: row.answer,
        category: row.category,
        locale: row.locale,
      });
    }
    this.snapshot = { matcher: await this.options.train([...entries.values()]), entries, fingerprint };
    return this.snapshot;
  }

  /** Changes whenever an FAQ is added, edited, enabled, disabled or deleted. */
  private async fingerprint(): Promise<string> {
    const stats = await this.options.db.faq.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
    return `${stats._count._all}:${stats._max.updatedAt?.toISOString() ?? '-'}`;
  }
}

function toStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
