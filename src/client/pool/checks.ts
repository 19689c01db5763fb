/**
 * Rules on a client block's pool that need the merged settings (a workload's block over the scenario's): `sessions`
 * and `pool.min` say the same thing, so only one may be written; `max` is not below the sessions opened first. Each
 * problem is reported where the workload (or the scenario) wrote a field it reads.
 */
import type { Problem } from '../../input/issues.js';
import { isRecord, type Segment } from '../../input/path.js';

type Block = Readonly<Record<string, unknown>>;

export function poolProblems(at: readonly Segment[], own: unknown, inherited: unknown): Problem[] {
  if (!isRecord(own)) return [];
  const top: Block = isRecord(inherited) ? inherited : {};
  const ownPool: Block = isRecord(own.pool) ? own.pool : {};
  // `pool: false`/`null` on the workload drops the scenario's pool (client/options/merge.ts).
  const dropped = own.pool === null || own.pool === false;
  const topPool: Block = isRecord(top.pool) && !dropped ? top.pool : {};
  const sessions = own.sessions ?? top.sessions;
  const min = ownPool.min ?? topPool.min;
  const max = ownPool.max ?? topPool.max;
  const wrote = (...fields: string[]): boolean => fields.some((f) => (f === 'sessions' ? own.sessions !== undefined : ownPool[f] !== undefined));
  const problems: Problem[] = [];
  if (isCount(sessions) && isCount(min) && wrote('sessions', 'min')) {
    problems.push({
      segments: [...at, ...(ownPool.min !== undefined ? ['pool', 'min'] : ['sessions'])],
      message: `sessions (${sessions}) and pool.min (${min}) both say how many sessions are opened first`,
      expected: 'one of sessions or pool.min',
      hint: 'write pool.min and leave sessions out (sessions: N alone is a fixed pool of N)',
    });
  }
  const first = isCount(min) ? min : isCount(sessions) ? sessions : 1;
  if (isCount(max) && max < first && wrote('sessions', 'min', 'max')) {
    problems.push({
      segments: [...at, 'pool', 'max'],
      message: `pool.max (${max}) is below the ${first} sessions opened first`,
      expected: `a whole number ≥ ${first}`,
      hint: 'max is the most sessions the pool grows to; raise it or lower min',
    });
  }
  return problems;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
