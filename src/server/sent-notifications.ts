/**
 * What the reference server's notifying tools (progress-tools.ts) sent: notifications by method, log messages by
 * level. One record per server process (every session of one ReferenceServerState shares it), read through the
 * `notifications_sent` tool, so a test can reconcile a client's counts with what was really sent.
 */
import type { ReferenceServerState } from './state.js';

export interface SentCounts {
  readonly byMethod: Readonly<Record<string, number>>;
  /** `notifications/message` by level. */
  readonly logLevels: Readonly<Record<string, number>>;
}

export class SentNotifications {
  private readonly byMethod = new Map<string, number>();
  private readonly logLevels = new Map<string, number>();

  sent(method: string): void {
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
  }

  logged(level: string): void {
    this.sent('notifications/message');
    this.logLevels.set(level, (this.logLevels.get(level) ?? 0) + 1);
  }

  snapshot(): SentCounts {
    return { byMethod: Object.fromEntries(this.byMethod), logLevels: Object.fromEntries(this.logLevels) };
  }

  reset(): void {
    this.byMethod.clear();
    this.logLevels.clear();
  }
}

const perServer = new WeakMap<ReferenceServerState, SentNotifications>();

/** The sent-notification counts of this server process (created on first use). */
export function sentNotificationsOf(state: ReferenceServerState): SentNotifications {
  let sent = perServer.get(state);
  if (!sent) perServer.set(state, (sent = new SentNotifications()));
  return sent;
}
