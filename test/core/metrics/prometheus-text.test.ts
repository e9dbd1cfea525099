import { describe, expect, it } from 'vitest';
import { escapeLabelValue, renderPrometheusText } from '../../../core/metrics/prometheus-text.ts';
import { MetricsRegistry } from '../../../core/metrics/registry.ts';

describe('Prometheus text format', () => {
  it('renders HELP and TYPE lines, then one line per labelled sample', () => {
    const registry = new MetricsRegistry();
    const webhooks = registry.counter('kefu_webhooks_total', 'Inbound webhook messages.', ['inbox', 'outcome']);
    webhooks.inc({ inbox: 'http', outcome: 'accepted' });
    webhooks.inc({ inbox: 'http', outcome: 'accepted' }, 2);
    webhooks.inc({ outcome: 'unauthorized', inbox: 'telegram' });
    expect(renderPrometheusText(registry.families())).toBe(
      [
        '# HELP kefu_webhooks_total Inbound webhook messages.',
        '# TYPE kefu_webhooks_total counter',
        'kefu_webhooks_total{inbox="http",outcome="accepted"} 3',
        'kefu_webhooks_total{outcome="unauthorized",inbox="telegram"} 1',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['plain', 'plain'],
    ['back\\slash', 'back\\\\slash'],
    ['say "hi"', 'say \\"hi\\"'],
    ['two\nlines', 'two\\nlines'],
    ['中文 ✓', '中文 ✓'],
  ])('escapes the label value %j', (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
  });

  it('escapes backslash and newline in HELP, spells out special floats, and keeps empty families', () => {
    const text = renderPrometheusText([
      { name: 'x_seconds', help: 'a\\b\nc', type: 'summary', samples: [
        { labels: { quantile: '0.5' }, value: NaN },
        { labels: {}, value: Infinity, suffix: '_sum' },
        { labels: {}, value: -Infinity, suffix: '_count' },
      ] },
      { name: 'empty_total', help: 'nothing yet', type: 'counter', samples: [] },
    ]);
    expect(text.split('\n')).toEqual([
      '# HELP x_seconds a\\\\b\\nc',
      '# TYPE x_seconds summary',
      'x_seconds{quantile="0.5"} NaN',
      'x_seconds_sum +Inf',
      'x_seconds_count -Inf',
      '# HELP empty_total nothing yet',
      '# TYPE empty_total counter',
      '',
    ]);
  });

  it('refuses wrong label sets, negative increments, bad names and duplicates', () => {
    const registry = new MetricsRegistry();
    const answers = registry.counter('kefu_answers_total', 'answers', ['decision']);
    expect(() => answers.inc({})).toThrow(/decision/);
    expect(() => answers.inc({ decision: 'answer', extra: 'x' })).toThrow(/decision/);
    expect(() => answers.inc({ decision: 'answer' }, -1)).toThrow(/cannot go down/);
    expect(() => registry.counter('kefu_answers_total', 'again')).toThrow(/twice/);
    expect(() => registry.gauge('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => registry.gauge('ok_name', 'x', ['__reserved'])).toThrow(/invalid label name/);
  });

  it('gauges take the last value set', () => {
    const registry = new MetricsRegistry();
    const depth = registry.gauge('depth', 'd', ['job']);
    depth.set({ job: 'answer' }, 5);
    depth.set({ job: 'answer' }, 2);
    expect(renderPrometheusText(registry.families())).toContain('depth{job="answer"} 2\n');
  });
});
