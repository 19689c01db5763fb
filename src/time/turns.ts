import type { Clock } from './clock.js';

/** How long a loop may run without the event loop getting a turn. */
export const TURN_BUDGET_US = 5_000;

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Gives the event loop a turn on a time budget. A loop whose awaits can all resolve without I/O (every call a cache
 * hit, an open circuit breaker's rejections, an open-model catch-up burst) otherwise runs on microtasks alone: signals,
 * timers (a breaker's half-open probe), the progress line and sockets all wait until it ends. Each iteration asks
 * `due(now)`; past the budget it gets a promise that resolves after one macrotask turn, and every other loop sharing
 * this instance that asks meanwhile waits for the same turn, so one turn lets all of them through at once.
 */
export class EventLoopTurns {
  private lastTurnUs: number;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly clock: Pick<Clock, 'nowUs'>,
    private readonly budgetUs = TURN_BUDGET_US,
    private readonly turn: () => Promise<void> = macrotask,
  ) {
    this.lastTurnUs = clock.nowUs();
  }

  /** Null while within the budget (go on); otherwise a promise to await before going on. */
  due(nowUs: number): Promise<void> | null {
    if (this.pending) return this.pending;
    if (nowUs - this.lastTurnUs < this.budgetUs) return null;
    this.pending = this.turn().then(() => {
      this.pending = null;
      this.lastTurnUs = this.clock.nowUs();
    });
    return this.pending;
  }
}
