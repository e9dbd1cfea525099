import { describe, expect, it } from 'vitest';
import { groupQuestions, type UnansweredQuestion } from '../../../bot/unanswered/group-questions.ts';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));
const ask = (texts: string[]): UnansweredQuestion[] => texts.map((text, i) => ({ id: `q${i}`, text, at: at(i) }));

/** The texts in each group, for readable assertions. */
function textsByGroup(questions: UnansweredQuestion[]): string[][] {
  const byId = new Map(questions.map((q) => [q.id, q.text]));
  return groupQuestions(questions).map((g) => g.questionIds.map((id) => byId.get(id)!).sort());
}

describe('groupQuestions', () => {
  it('puts Chinese paraphrases and script variants together and keeps other topics apart', () => {
    const questions = ask(['怎么退款', '怎麼退款？', '如何退款', '退款多久到账', '退款到账要多久', '我要投诉']);
    expect(textsByGroup(questions)).toEqual([
      ['如何退款', '怎么退款', '怎麼退款？'],
      ['退款到账要多久', '退款多久到账'],
      ['我要投诉'],
    ]);
  });

  it('groups English paraphrases and inflections', () => {
    const questions = ask(['How do I reset my password?', 'how can i reset my password', 'reset password',
      'Do you ship to Canada?', 'shipping to canada?', 'What are your opening hours?']);
    expect(textsByGroup(questions)).toEqual([
      ['How do I reset my password?', 'how can i reset my password', 'reset password'],
      ['Do you ship to Canada?', 'shipping to canada?'],
      ['What are your opening hours?'],
    ]);
  });

  it('reports count, ids, the most-asked phrasing and the latest time, biggest group first', () => {
    const questions: UnansweredQuestion[] = [
      { id: 'a', text: 'refund status', at: at(5) },
      { id: 'b', text: 'Where is my refund?', at: at(1) },
      { id: 'c', text: 'where is my refund', at: at(9) },
      { id: 'd', text: 'gift cards', at: at(20) },
    ];
    const [refunds, gifts] = groupQuestions(questions, { threshold: 0.3 });
    expect(refunds).toEqual({
      representative: 'Where is my refund?',
      count: 3,
      questionIds: ['b', 'c', 'a'],
      lastAskedAt: at(9),
    });
    expect(gifts?.questionIds).toEqual(['d']);
  });

  it('merges less with a higher threshold', () => {
    const questions = ask(['退款多久到账', '退款到账要多久', '退款怎么到账']);
    expect(groupQuestions(questions, { threshold: 0.2 })).toHaveLength(1);
    expect(groupQuestions(questions, { threshold: 0.95 })).toHaveLength(3);
  });

  it('returns nothing for no questions', () => {
    expect(groupQuestions([])).toEqual([]);
  });

  it('groups 10,000 questions in a couple of seconds and recovers the planted topics', () => {
    // 200 topics, each a made-up product and part, asked 50 distinct ways: template × filler word × case.
    const fillers = ['today', 'again', 'urgent', 'asap', 'now', 'still', 'thanks', 'really', 'quickly', 'already'];
    const templates = [
      (p: string, x: string) => `How do I fix the ${x} on my ${p}?`,
      (p: string, x: string) => `${p} ${x} problem`,
      (p: string, x: string) => `my ${p} has a ${x} issue, help`,
      (p: string, x: string) => `${p}的${x}坏了怎么办`,
      (p: string, x: string) => `请问${p}${x}故障如何处理`,
    ];
    const questions: UnansweredQuestion[] = [];
    for (let topic = 0; topic < 200; topic++) {
      const product = `gadget${topic}`;
      const part = `part${topic % 37}x${Math.floor(topic / 37)}`;
      for (let k = 0; k < 50; k++) {
        const text = `${templates[k % templates.length]!(product, part)} ${fillers[Math.floor(k / 5)]}`;
        questions.push({ id: `${topic}:${k}`, text: k % 2 ? text.toUpperCase() : text, at: at(k) });
      }
    }
    const start = performance.now();
    const groups = groupQuestions(questions);
    const elapsedMs = performance.now() - start;
    expect(elapsedMs).toBeLessThan(3000);
    // Chinese and English phrasings of a topic may form two groups; they must never mix topics.
    expect(groups.length).toBeGreaterThanOrEqual(200);
    expect(groups.length).toBeLessThanOrEqual(400);
    for (const g of groups) expect(new Set(g.questionIds.map((id) => id.split(':')[0])).size).toBe(1);
  });
});
