/**
 * Problems as they may be printed. Checks run on the substituted scenario, so a value they quote (`got`) may have
 * come from the environment, or sit in a secret place (a header or env value). Such a value is quoted as written
 * and redacted instead: `${VAR}` references kept, secrets hidden (Plan.redacted's rules). URL credentials are
 * hidden in every `got` anyway (renderValue).
 */
import { renderValue, type Problem } from './issues.js';
import { splitReferences } from './interpolate.js';
import { PathSet, valueAt, type Segment } from './path.js';
import { listWords } from './suggest.js';

export interface ScenarioVersions {
  /** The scenario as written, before substitution. */
  readonly written: unknown;
  /** The same, redacted (redact.ts): what a report may show of it. */
  readonly redacted: unknown;
  /** After `${VAR}` substitution: what the checks saw. */
  readonly interpolated: unknown;
  /** Paths of the strings a reference was replaced in (interpolate.ts). */
  readonly substituted: readonly (readonly Segment[])[];
}

export function showProblems(problems: readonly Problem[], versions: ScenarioVersions): Problem[] {
  const substituted = new PathSet(versions.substituted);
  return problems.map((problem) => (problem.got === undefined ? problem : showValue(problem, problem.got, versions, substituted)));
}

function showValue(problem: Problem, got: string, versions: ScenarioVersions, substituted: PathSet): Problem {
  const at = existingPath(versions.interpolated, problem.segments);
  const shown = renderValue(valueAt(versions.redacted, at));
  if (shown === renderValue(valueAt(versions.interpolated, at))) return problem;
  const source = substituted.containing(at);
  // A hint about the value itself ("write 5s", "try name: my-bench") would repeat it: point at the variable instead.
  const hint = source === undefined ? problem.hint : variableHint(valueAt(versions.written, source));
  const index = problem.message.lastIndexOf(`got ${got}`);
  const message =
    index === -1 ? problem.message : `${problem.message.slice(0, index)}got ${shown}${problem.message.slice(index + 4 + got.length)}`;
  const { hint: _hidden, ...rest } = problem;
  return { ...rest, message, got: shown, ...(hint === undefined ? {} : { hint }) };
}

/**
 * The longest leading part of `segments` that exists in `root`: a check may report below a value it reshaped
 * (`on: timeout` is checked as the list `[timeout]`, its issue at `on[0]`).
 */
function existingPath(root: unknown, segments: readonly Segment[]): readonly Segment[] {
  for (let length = segments.length; length > 0; length--) {
    const prefix = segments.slice(0, length);
    if (valueAt(root, prefix) !== undefined) return prefix;
  }
  return [];
}

function variableHint(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const names = [...new Set(splitReferences(written).flatMap((part) => ('name' in part ? [part.name] : [])))];
  if (names.length === 0) return undefined;
  const one = names.length === 1;
  return `check what ${listWords(names, 'and')} ${one ? 'is' : 'are'} set to; ${one ? 'its value is' : 'their values are'} not shown here`;
}
