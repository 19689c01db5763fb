/**
 * How the metrics that are not read straight from a set of calls measure a Subject (metrics.ts declares each): a
 * client layer's figures, the arrivals, the checks, the workload's sessions and pools.
 */
import { NO_SAMPLES, NOT_APPLICABLE, type Layers, type Measurement, type Subject } from './subject.js';

/** A cold-start figure of the workload's sessions: not an operation's nor a tenant's; no session opened, no samples. */
export function coldStart(figure: 'coldStartP99Us' | 'coldStartMaxUs', aliases: readonly string[]) {
  return {
    kind: 'latency',
    aliases,
    measure: (subject: Subject): Measurement => {
      const sessions = subject.sessions;
      if (sessions === null) return NOT_APPLICABLE;
      return sessions.count === 0 ? NO_SAMPLES() : { value: sessions[figure], samples: sessions.count };
    },
    notApplicable: "not applicable: cold start is the workload's (its sessions'), not an operation's or a tenant's",
    window: null,
    regression: null,
    notRegression: 'cold start is measured over a handful of sessions, with no interval to tell a regression from noise; use a threshold',
    workloadOnly: "its sessions' cold start",
  } as const;
}

export function poolUtilization(subject: Subject): Measurement {
  const value = subject.sessions?.poolUtilization;
  if (value === null || value === undefined) return NOT_APPLICABLE;
  return subject.calls.count === 0 ? NO_SAMPLES() : { value, samples: subject.calls.count };
}

export function cacheHitRatio(subject: Subject, layers: Layers): Measurement {
  if (!layers.cache) return NOT_APPLICABLE;
  if (subject.calls.count === 0) return NO_SAMPLES();
  const lookups = subject.cache ? subject.cache.hits + subject.cache.misses : 0;
  // Calls but no lookup: this operation is not one the cache stores.
  return lookups === 0 || !subject.cache ? NOT_APPLICABLE : { value: round4(subject.cache.hits / lookups), samples: lookups };
}

export function retryAmplification(subject: Subject, layers: Layers): Measurement {
  if (!layers.retry) return NOT_APPLICABLE;
  if (subject.calls.count === 0) return NO_SAMPLES();
  // Over the calls that reached the retry layer: those the cache or dedup answered made no attempt.
  const retry = subject.retry;
  if (!retry) return NOT_APPLICABLE;
  return retry.calls > 0 ? { value: round4(retry.attempts / retry.calls), samples: retry.calls } : NO_SAMPLES();
}

export function checksPassRate(subject: Subject): Measurement {
  if (!subject.checks) return NOT_APPLICABLE;
  const ran = subject.checks.passed + subject.checks.failed;
  return ran === 0 ? NO_SAMPLES() : { value: round4(subject.checks.passed / ran), samples: ran };
}

export function dropped(subject: Subject): Measurement {
  // A closed loop never drops: it measures 0 over the calls it made.
  const samples = subject.calls.count + subject.dropped;
  return samples === 0 ? NO_SAMPLES() : { value: subject.dropped, samples };
}

/** As client-summary.ts rounds ratios, so a threshold judges the figure the report shows. */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
