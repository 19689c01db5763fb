import type { SessionEvents } from '../client/session/feature.js';
import type { ServerLimitEvent } from '../client/transports/server-limits.js';

/**
 * A workload's stdio servers under `limits:` (client/transports/server-limits.ts): how many were started under them
 * (every session's server, revived ones included) and how many were killed at each limit. Absent from the report when
 * no server was started under limits; merged by adding over rounds and shards.
 */
export interface ServerLimitsSummary {
  /** Servers started under their limits. */
  readonly started: number;
  /** Servers SIGKILLed because their RSS passed limits.memory (their calls in flight: transport:memory-limit). */
  readonly memoryKills: number;
  /** Servers the kernel killed at limits.cpu (SIGXCPU, or SIGKILL at the hard limit; transport:cpu-limit). */
  readonly cpuKills: number;
}

const FIELD: Readonly<Record<ServerLimitEvent, keyof ServerLimitsSummary>> = { started: 'started', memory: 'memoryKills', cpu: 'cpuKills' };

/** Counts the transports' limit events; `events` is what every session is handed (runner/session-events.ts). */
export class ServerLimitCounter {
  private readonly counts = { started: 0, memoryKills: 0, cpuKills: 0 };
  readonly events: SessionEvents = {
    serverLimit: (event) => {
      this.counts[FIELD[event]]++;
    },
  };

  /** The counts so far, or null when no server was started under limits. */
  summary(): ServerLimitsSummary | null {
    return anyLimits(this.counts) ? { ...this.counts } : null;
  }
}

function anyLimits(counts: ServerLimitsSummary): boolean {
  return counts.started + counts.memoryKills + counts.cpuKills > 0;
}

/** Rounds or shards of one workload: their counts added (null when none had any). */
export function mergeServerLimits(summaries: readonly (ServerLimitsSummary | null | undefined)[]): ServerLimitsSummary | null {
  const sum = { started: 0, memoryKills: 0, cpuKills: 0 };
  for (const s of summaries) {
    if (!s) continue;
    sum.started += s.started;
    sum.memoryKills += s.memoryKills;
    sum.cpuKills += s.cpuKills;
  }
  return anyLimits(sum) ? sum : null;
}
