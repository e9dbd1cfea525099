/**
 * The warning "the bot answers much less since the last FAQ change": the share of customer questions it
 * answered on its own in the day after the change, against the week before it. Rates are computed from
 * messages: a customer message that left an unanswered question ("did you mean" or a handoff) counts as
 * not answered.
 */
import type { Db } from '../../core/storage/database.ts';

export interface AnswerRateWindow {
  questions: number;
  unanswered: number;
}

export interface AnswerRateDrop {
  changeAt: Date;
  before: number;
  after: number;
}

/** Enough questions after the change for the rate to mean something, and a drop worth a look. */
export const MIN_QUESTIONS_AFTER = 20;
export const WARN_DROP = 0.1;

export function answerRate(window: AnswerRateWindow): number | undefined {
  return window.questions === 0 ? undefined : 1 - window.unanswered / window.questions;
}

/** Pure: a drop of at least WARN_DROP (absolute) with enough questions after; else undefined. */
export function sharpDrop(changeAt: Date, before: AnswerRateWindow, after: AnswerRateWindow): AnswerRateDrop | undefined {
  const rateBefore = answerRate(before);
  const rateAfter = answerRate(after);
  if (rateBefore === undefined || rateAfter === undefined || after.questions < MIN_QUESTIONS_AFTER) return undefined;
  return rateBefore - rateAfter >= WARN_DROP ? { changeAt, before: rateBefore, after: rateAfter } : undefined;
}

export async function answerRateDropSinceLastChange(db: Db, now: Date): Promise<AnswerRateDrop | undefined> {
  const lastChange = await db.faqRevision.findFirst({ where: { at: { lte: now } }, orderBy: { at: 'desc' }, select: { at: true } });
  if (!lastChange) return undefined;
  const changeAt = lastChange.at;
  const day = 24 * 3600_000;
  const before = await windowBetween(db, new Date(changeAt.getTime() - 7 * day), changeAt);
  const after = await windowBetween(db, changeAt, new Date(Math.min(now.getTime(), changeAt.getTime() + day)));
  return sharpDrop(changeAt, before, after);
}

async function windowBetween(db: Db, from: Date, to: Date): Promise<AnswerRateWindow> {
  const [questions, unanswered] = await Promise.all([
    db.message.count({ where: { author: 'customer', direction: 'incoming', createdAt: { gte: from, lt: to } } }),
    db.unansweredQuestion.count({ where: { createdAt: { gte: from, lt: to } } }),
  ]);
  return { questions, unanswered };
}
