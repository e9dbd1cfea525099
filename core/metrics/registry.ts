/**
 * A tiny metrics registry (counters, gauges, summaries) rendered in Prometheus' text format, the format
 * operators already scrape. Hand-written rather than prom-client: the hub needs a handful of series, and a
 * dependency for that would be heavier than the code.
 */

export type Labels = Readonly<Record<string, string>>;

/** One sample of a family: `name{labels} value` (suffix for summaries' `_sum` / `_count`). */
export interface Sample {
  labels: Labels;
  value: number;
  /** Appended to the family name (`_sum`, `_count`). @defaultValue '' */
  suffix?: string;
}

export type MetricType = 'counter' | 'gauge' | 'summary';

/** What the renderer prints: one HELP line, one TYPE line, then the samples. */
export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** Produces families at scrape time (queue depth, event-loop delay): read when asked, never cached. */
export type Collector = () => MetricFamily[] | Promise<MetricFamily[]>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label names fixed when the metric is made, so a typo at a call site cannot create a new series family. */
abstract class LabelledMetric {
  protected readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name '${name}'`);
    for (const label of labelNames) if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`invalid label name '${label}' on ${name}`);
  }

  protected keyOf(labels: Labels): string {
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || !this.labelNames.every((name) => typeof labels[name] === 'string')) {
      throw new Error(`${this.name} takes labels {${this.labelNames.join(', ')}}, got {${given.join(', ')}}`);
    }
    return JSON.stringify(this.labelNames.map((name) => labels[name]));
  }

  samples(): Sample[] {
    return [...this.values.values()].map(({ labels, value }) => ({ labels, value }));
  }
}

/** A value that only goes up (requests, answers); reset only by a restart, which Prometheus' rate() handles. */
export class Counter extends LabelledMetric {
  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter cannot go down (inc by ${by})`);
    const key = this.keyOf(labels);
    const current = this.values.get(key);
    if (current) current.value += by;
    else this.values.set(key, { labels: { ...labels }, value: by });
  }

  get(labels: Labels = {}): number {
    return this.values.get(this.keyOf(labels))?.value ?? 0;
  }
}

/** A value that goes up and down, set by the code that knows it. */
export class Gauge extends LabelledMetric {
  set(labels: Labels, value: number): void {
    this.values.set(this.keyOf(labels), { labels: { ...labels }, value });
  }
}

export class MetricsRegistry {
  private readonly metrics: Array<{ metric: Counter | Gauge; type: MetricType }> = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(new Counter(name, help, labelNames), 'counter');
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.register(new Gauge(name, help, labelNames), 'gauge');
  }

  /** The registered metrics' current families (collectors are added by the router). */
  families(): MetricFamily[] {
    return this.metrics.map(({ metric, type }) => ({ name: metric.name, help: metric.help, type, samples: metric.samples() }));
  }

  private register<M extends Counter | Gauge>(metric: M, type: MetricType): M {
    if (this.metrics.some((existing) => existing.metric.name === metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.metrics.push({ metric, type });
    return metric;
  }
}

/**
 * One family per name, as the text format requires, when several sources report the same metric (the
 * main thread and the worker thread of one process each count webhooks, answers and deliveries): samples
 * are joined, and a sample with the same labels in two sources is their sum, the process's total.
 */
export function mergeFamilies(families: readonly MetricFamily[]): MetricFamily[] {
  const byName = new Map<string, { family: MetricFamily; samples: Map<string, Sample> }>();
  for (const family of families) {
    let merged = byName.get(family.name);
    if (!merged) byName.set(family.name, (merged = { family, samples: new Map() }));
    for (const sample of family.samples) {
      const key = JSON.stringify([sample.suffix ?? '', Object.entries(sample.labels).sort(([a], [b]) => a.localeCompare(b))]);
      const seen = merged.samples.get(key);
      merged.samples.set(key, seen ? { ...seen, value: seen.value + sample.value } : sample);
    }
  }
  return [...byName.values()].map(({ family, samples }) => ({ ...family, samples: [...samples.values()] }));
}
