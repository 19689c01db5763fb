/**
 * What the server notified one workload's sessions of (client/session/notifications.ts tells it): every notification
 * by method, log messages (`notifications/message`) by level too, list changes of any list together, and how the
 * target's `logLevel` went (setLevel sent, skipped, failed). Counted over the whole workload, warmup included: a
 * notification belongs to no call. A map write per notification; merged by summing.
 */
import type { SessionEvents } from '../client/session/feature.js';

export interface NotificationsSummary {
  readonly total: number;
  readonly byMethod: Readonly<Record<string, number>>;
  readonly logLevels: Readonly<Record<string, number>>;
  readonly listChanged: number;
  /** The target's `logLevel`: sessions that sent logging/setLevel, skipped it (no logging capability), had it fail. */
  readonly setLevel?: SetLevelCounts;
}

export interface SetLevelCounts {
  readonly level: string;
  readonly sent: number;
  readonly skipped: number;
  readonly failed: number;
}

const LIST_CHANGED = /^notifications\/[a-z]+\/list_changed$/;

export class NotificationCounter {
  private total = 0;
  private listChanged = 0;
  private readonly byMethod = new Map<string, number>();
  private readonly logLevels = new Map<string, number>();
  private readonly setLevel: { sent: number; skipped: number; failed: number } = { sent: 0, skipped: 0, failed: 0 };

  /** `logLevel`: the level the workload's target asks for (absent: none). */
  constructor(private readonly logLevel?: string) {}

  /** The listeners every session of the workload is given (runner/workload-run.ts). */
  readonly events: SessionEvents = {
    notification: (method, params) => this.heard(method, params),
    setupCall: (method, outcome) => {
      if (method !== 'logging/setLevel') return;
      if (outcome === 'ok') this.setLevel.sent++;
      else this.setLevel[outcome]++;
    },
  };

  heard(method: string, params: unknown): void {
    this.total++;
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
    if (method === 'notifications/message') {
      const level = typeof params === 'object' && params !== null ? (params as { level?: unknown }).level : undefined;
      const key = typeof level === 'string' ? level : '(none)';
      this.logLevels.set(key, (this.logLevels.get(key) ?? 0) + 1);
    } else if (LIST_CHANGED.test(method)) {
      this.listChanged++;
    }
  }

  /** The report block: null when nothing was notified and no logLevel was asked for. */
  summary(): NotificationsSummary | null {
    if (this.total === 0 && this.logLevel === undefined) return null;
    return {
      total: this.total,
      byMethod: Object.fromEntries(this.byMethod),
      logLevels: Object.fromEntries(this.logLevels),
      listChanged: this.listChanged,
      ...(this.logLevel !== undefined && { setLevel: { level: this.logLevel, ...this.setLevel } }),
    };
  }

  /** What the workload should be told: a logLevel the server could not take. */
  warnings(): string[] {
    const warnings: string[] = [];
    if (this.setLevel.skipped > 0) {
      warnings.push(`logLevel ${this.logLevel}: the server declares no logging capability, so logging/setLevel was not sent (${this.setLevel.skipped} session(s))`);
    }
    if (this.setLevel.failed > 0) warnings.push(`logLevel ${this.logLevel}: the server answered logging/setLevel with an error (${this.setLevel.failed} session(s))`);
    return warnings;
  }
}

/** Rounds or shards as one: every count summed (the level is the first part's; they share the target). */
export function mergeNotifications(parts: readonly (NotificationsSummary | null | undefined)[]): NotificationsSummary | null {
  const present = parts.filter((p): p is NotificationsSummary => p != null);
  if (present.length === 0) return null;
  const sumOf = (pick: (p: NotificationsSummary) => number): number => present.reduce((n, p) => n + pick(p), 0);
  const sumRecords = (pick: (p: NotificationsSummary) => Readonly<Record<string, number>>): Record<string, number> => {
    const total: Record<string, number> = {};
    for (const part of present) for (const [key, n] of Object.entries(pick(part))) total[key] = (total[key] ?? 0) + n;
    return total;
  };
  const levels = present.flatMap((p) => (p.setLevel ? [p.setLevel] : []));
  const setLevel = levels.length === 0 ? null : {
    level: levels[0]!.level,
    sent: levels.reduce((n, l) => n + l.sent, 0),
    skipped: levels.reduce((n, l) => n + l.skipped, 0),
    failed: levels.reduce((n, l) => n + l.failed, 0),
  };
  return {
    total: sumOf((p) => p.total),
    byMethod: sumRecords((p) => p.byMethod),
    logLevels: sumRecords((p) => p.logLevels),
    listChanged: sumOf((p) => p.listChanged),
    ...(setLevel && { setLevel }),
  };
}
