/**
 * A "try it" function over the hub's knowledge base, for the composition root to pass as
 * AdminDependencies.tryIt until the routing policy (core/routing, issue 17) can be asked directly: the
 * matcher's top three and the tier its thresholds give.
 */
import { tierOf, type AnswerThresholds } from '../bot/compose-reply.ts';
import type { KnowledgeSnapshot } from '../bot/knowledge-base.ts';
import type { TryItResult } from './dependencies.ts';

export function createTryIt(knowledge: () => Promise<KnowledgeSnapshot>, thresholds: AnswerThresholds): (question: string) => Promise<TryItResult> {
  return async (question) => {
    const snapshot = await knowledge();
    const { candidates } = snapshot.matcher.match(question, 3);
    const tier = tierOf(candidates, thresholds);
    const top = candidates[0]?.confidence ?? 0;
    const [name, reason] =
      tier.kind === 'answer' ? ['bot', `confidence ${top.toFixed(2)} ≥ answer threshold ${thresholds.answerThreshold}`]
      : tier.kind === 'clarify' ? ['bot (did you mean)', top >= thresholds.answerThreshold ? `runner-up within ${thresholds.closeRunnerUp}× of the best` : `confidence ${top.toFixed(2)} between ${thresholds.suggestThreshold} and ${thresholds.answerThreshold}`]
      : ['human', `confidence ${top.toFixed(2)} < suggest threshold ${thresholds.suggestThreshold}`];
    return {
      tier: name,
      reason,
      candidates: candidates.map((c) => ({ faqId: c.faqId, question: snapshot.entries.get(c.faqId)?.question ?? c.faqId, confidence: c.confidence })),
    };
  };
}
