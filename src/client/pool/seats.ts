import type { Clock } from '../../time/clock.js';
import type { Connection } from '../connect.js';
import { BusyMeter } from './busy.js';
import { ratio } from '../layers/figures.js';
import { Member } from './member.js';

/**
 * A pool's places for sessions (slots `0..max-1`, a slot's number is `trace.session`), the sessions that left them and
 * are draining, and how busy they are. Which session a call takes (`pick`), placing and releasing a call, seating a
 * session and letting one leave — closed at once when idle, else when its last call ends (never under a call).
 */
export class Seats {
  private readonly slots: (Member | null)[];
  /** Slots whose session is being opened (growing, reviving, replacing). */
  readonly opening = new Set<number>();
  private readonly leaving = new Set<Member>();
  private readonly busy = new BusyMeter();
  private next = 0;

  constructor(
    max: number,
    /** Calls one session takes at once (unlimited: Infinity). */
    private readonly perSession: number,
    private readonly clock: Clock,
    /** Told of each session closed, so the pool can wait for the closes when it closes. */
    private readonly closing: (done: Promise<void>) => void,
  ) {
    this.slots = new Array<Member | null>(max).fill(null);
  }

  /** The session in `slot`, if any. */
  at(slot: number): Member | null {
    return this.slots[slot] ?? null;
  }

  /** The sessions in rotation (not lost ones' state: a lost session stays `live` until the pool retires it). */
  live(): Member[] {
    return this.slots.filter((m): m is Member => m !== null && m.state === 'live');
  }

  /** Every session's connection, leaving ones included (preflight, server sampling). */
  connections(): Connection[] {
    return [...this.slots.flatMap((m) => (m ? [m.connection] : [])), ...[...this.leaving].map((m) => m.connection)];
  }

  /** Every session, seated or leaving (closing the pool closes them all). */
  all(): Member[] {
    return [...this.slots.flatMap((m) => (m ? [m] : [])), ...this.leaving];
  }

  get seated(): number {
    return this.slots.filter((m) => m !== null).length;
  }

  /** Sessions in rotation whose transport is up. */
  liveCount(): number {
    return this.slots.filter((m) => m !== null && m.state === 'live' && !m.connection.caller.lost).length;
  }

  /** An empty slot no session is being opened for; -1 when none. */
  freeSlot(): number {
    return this.slots.findIndex((m, i) => m === null && !this.opening.has(i));
  }

  /**
   * The next session with room. Sessions that take any number of calls are used in turn (the load spread over them);
   * with a `perSession` limit the lowest slot with room is taken, so calls pack onto the fewest sessions and those
   * the load no longer needs go idle and are closed (a connection pool's rule).
   */
  pick(): Member | null {
    const n = this.slots.length;
    const from = this.perSession === Infinity ? this.next : 0;
    for (let i = 0; i < n; i++) {
      const index = (from + i) % n;
      const member = this.slots[index];
      if (member?.hasRoom(this.perSession)) {
        this.next = (index + 1) % n;
        return member;
      }
    }
    return null;
  }

  /** A call is placed on `member` (counted now, so nobody else takes its room before the call is sent). */
  take(member: Member): Member {
    member.calls++;
    if (member.inFlight++ === 0 && member.state === 'live') {
      member.countedBusy = true;
      this.busy.change(1, this.clock.nowUs());
    }
    return member;
  }

  /** A call on `member` ended; a leaving session whose last call it was is closed. */
  release(member: Member): void {
    const now = this.clock.nowUs();
    if (--member.inFlight === 0) {
      this.notBusy(member, now);
      member.idleSinceUs = now;
    }
    if (member.state === 'leaving' && member.inFlight === 0) this.finishLeaving(member);
  }

  /** A new session takes `slot`; the session it replaces, if any, leaves. */
  seat(connection: Connection, slot: number): void {
    const old = this.slots[slot];
    this.slots[slot] = new Member(connection, slot, this.clock.nowUs());
    if (old) this.leave(old);
  }

  /** `member` leaves its slot (emptied) and the rotation. */
  unseat(member: Member): void {
    if (this.slots[member.slot] === member) this.slots[member.slot] = null;
    this.leave(member);
  }

  /** Warm means ready now: every idle session's idle time starts over. */
  touch(): void {
    const now = this.clock.nowUs();
    for (const member of this.slots) if (member && member.inFlight === 0) member.idleSinceUs = now;
  }

  /** Peak and time-weighted mean of sessions busy, over `max`. */
  utilization(max: number): { readonly peakBusy: number; readonly utilization: number; readonly meanUtilization: number } {
    const mean = this.busy.mean(this.clock.nowUs());
    // Rounded as every client ratio in the report is (layers/figures.ts), so a threshold judges the figure shown.
    return { peakBusy: this.busy.peak, utilization: ratio(this.busy.peak, max), meanUtilization: ratio(mean, max) };
  }

  private leave(member: Member): void {
    this.notBusy(member, this.clock.nowUs());
    member.state = 'leaving';
    this.leaving.add(member);
    if (member.inFlight === 0) this.finishLeaving(member);
  }

  /** Utilization counts the sessions in rotation: one that leaves (draining its calls) is busy no more. */
  private notBusy(member: Member, nowUs: number): void {
    if (!member.countedBusy) return;
    member.countedBusy = false;
    this.busy.change(-1, nowUs);
  }

  private finishLeaving(member: Member): void {
    if (this.leaving.delete(member)) this.closing(member.close());
  }
}
