/**
 * Rules on journeys that span entries, checked on the scenario as written: names (a journey's against the other
 * entries', a step's against its journey's other steps) and captured variables (a step's `{{vars.x}}` must name a
 * capture of an earlier step of its journey; an operation outside a journey has no vars).
 *
 * Until the template compiler (operations/template.ts) checks `{{vars.…}}` with its known-vars input, this reads
 * `{{vars.<name>` occurrences in a step's args, resource URI and prompt args.
 */
import type { Problem } from '../input/issues.js';
import { formatPath, isRecord, type Segment } from '../input/path.js';
import { didYouMean, listWords } from '../input/suggest.js';
import { operationName } from './operation.js';

const VAR_REFERENCE = /\{\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)/g;

export function journeyProblems(writtenScenario: unknown): Problem[] {
  if (!isRecord(writtenScenario) || !Array.isArray(writtenScenario.workloads)) return [];
  return writtenScenario.workloads.flatMap((workload: unknown, index) =>
    isRecord(workload) && Array.isArray(workload.operations) ? entriesProblems(workload.operations, ['workloads', index, 'operations']) : [],
  );
}

function entriesProblems(entries: readonly unknown[], at: readonly Segment[]): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const journey = typeof entry.journey === 'string' ? entry.journey : undefined;
    const name = journey ?? operationName(entry);
    if (journey !== undefined && Array.isArray(entry.steps)) problems.push(...stepsProblems(entry.steps, [...at, index, 'steps']));
    else problems.push(...varsOutsideJourney(entry, [...at, index]));
    if (name === undefined) return;
    const first = firstByName.get(name);
    if (first === undefined) firstByName.set(name, index);
    // Two operations of one name are duplicateOperationNames' (operation.ts) to report.
    else if (journey !== undefined || typeof entries[first] === 'object' && isRecord(entries[first]) && typeof entries[first].journey === 'string') {
      problems.push({
        segments: [...at, index, journey !== undefined ? 'journey' : 'name'],
        message: `${formatPath(['operations', first])} is also named "${name}"; each journey and operation needs its own name in the report`,
        hint: 'rename one of them',
      });
    }
  });
  return problems;
}

function stepsProblems(steps: readonly unknown[], at: readonly Segment[]): Problem[] {
  const problems: Problem[] = [];
  const captured = new Set<string>();
  const firstByName = new Map<string, number>();
  steps.forEach((step, index) => {
    if (!isRecord(step)) return;
    for (const { name, segments } of varReferences(step, [...at, index])) {
      if (captured.has(name)) continue;
      const known = captured.size === 0 ? 'no earlier step captures anything' : `earlier steps capture ${listWords([...captured].map((n) => `vars.${n}`), 'and')}`;
      const like = didYouMean(name, [...captured]);
      const hint = like ? like.replace(/"([^"]+)"/, '{{vars.$1}}') : `capture it in an earlier step: capture: { ${name}: structuredContent.${name} }`;
      problems.push({ segments, message: `{{vars.${name}}} names no capture of an earlier step: ${known}`, hint });
    }
    if (isRecord(step.capture)) for (const name of Object.keys(step.capture)) captured.add(name);
    const name = operationName(step);
    if (name === undefined) return;
    const first = firstByName.get(name);
    if (first === undefined) firstByName.set(name, index);
    else {
      problems.push({
        segments: typeof step.name === 'string' ? [...at, index, 'name'] : [...at, index],
        message: `${formatPath(['steps', first])} is also named "${name}"; each step needs its own name in the report`,
        hint: 'set name: on one of them (e.g. name: create, name: read)',
      });
    }
  });
  return problems;
}

function varsOutsideJourney(entry: Record<string, unknown>, at: readonly Segment[]): Problem[] {
  return varReferences(entry, at).map(({ name, segments }) => ({
    segments,
    message: `{{vars.${name}}} reads a value captured by an earlier journey step, but this operation is not in a journey`,
    hint: 'make it a step of a journey: whose earlier step has capture:',
  }));
}

/** Every `{{vars.<name>` in the strings a request sends (args, resource URI), with where it is. */
function varReferences(entry: Record<string, unknown>, at: readonly Segment[]): { name: string; segments: Segment[] }[] {
  const found: { name: string; segments: Segment[] }[] = [];
  const walk = (value: unknown, segments: Segment[], depth: number): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(VAR_REFERENCE)) found.push({ name: match[1]!, segments });
    } else if (depth < 64 && Array.isArray(value)) value.forEach((item, i) => walk(item, [...segments, i], depth + 1));
    else if (depth < 64 && isRecord(value)) for (const [key, item] of Object.entries(value)) walk(item, [...segments, key], depth + 1);
  };
  walk(entry.args, [...at, 'args'], 0);
  walk(entry.resource, [...at, 'resource'], 0);
  return found;
}
