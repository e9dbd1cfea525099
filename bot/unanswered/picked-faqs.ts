/**
 * Which FAQ the customers of one group of unanswered questions picked when the bot asked "did you mean":
 * the FAQ those phrasings belong to, so the admin adds them to it instead of writing a new FAQ.
 */

export interface PickedFaq {
  faqId: string;
  /** How many questions of the group were followed by this pick. */
  count: number;
}

/** The FAQ picked most often after the group's questions; undefined when nobody picked. */
export function mostPickedFaq(questionIds: readonly string[], pickedFaqIdOf: ReadonlyMap<string, string>): PickedFaq | undefined {
  const counts = new Map<string, number>();
  for (const id of questionIds) {
    const faqId = pickedFaqIdOf.get(id);
    if (faqId !== undefined) counts.set(faqId, (counts.get(faqId) ?? 0) + 1);
  }
  let best: PickedFaq | undefined;
  for (const [faqId, count] of counts) if (!best || count > best.count) best = { faqId, count };
  return best;
}
