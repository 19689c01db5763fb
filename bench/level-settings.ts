/**
 * The flags of the benchmarks that compare contenders at several levels of calls in flight (stdio-vs-peer,
 * http-vs-peer): parsed in one place, each benchmark giving its own defaults.
 */
import { parseArgs } from 'node:util';

export interface LevelSettings {
  /** Contenders to run (`--contenders`, comma-separated), e.g. one alone to profile it. */
  readonly only: ReadonlySet<string>;
  readonly levels: readonly number[];
  readonly rounds: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  /** `performance.now()` by which later rounds are skipped rather than overrun (`--budget` seconds; Infinity: none). */
  readonly budgetEndMs: number;
}

export function levelSettings(defaults: { rounds: string; seconds: string; contenders: string }): LevelSettings {
  const { values } = parseArgs({
    options: {
      levels: { type: 'string', default: '1,16,64' },
      budget: { type: 'string' },
      rounds: { type: 'string', default: defaults.rounds },
      seconds: { type: 'string', default: defaults.seconds },
      warmup: { type: 'string', default: '0.5' },
      contenders: { type: 'string', default: defaults.contenders },
    },
  });
  return {
    only: new Set(values.contenders.split(',')),
    levels: values.levels.split(',').map(Number),
    rounds: Number(values.rounds),
    durationMs: Number(values.seconds) * 1000,
    warmupMs: Number(values.warmup) * 1000,
    budgetEndMs: values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000,
  };
}
