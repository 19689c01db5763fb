/**
 * Builds Plan.resolvedRedacted: the resolved plan (defaults applied, units in µs) as a report may show it. Header and
 * stdio env values (of the target, of every workload's endpoints and endpoint groups' endpoints, of every tenant) are
 * always hidden, URL credentials, secret-looking query parameters and secret-looking keys too. Every part is mirrored
 * from the place it was written (a group's endpoint from `client.groups`, a journey step from its journey's `steps`);
 * response checks and captures show as written, never compiled. A value that came from a field written with `${VAR}` shows that field
 * as written, references kept (`http://127.0.0.1:${PORT}/mcp`, `latencyUs: "${LATENCY}"`), and a value computed from
 * such a field (a ramp's length, a default burst) shows "[redacted]". Which field a value came from is known by its
 * path, never guessed by searching for text, so the effective settings stay visible and an environment value never is.
 */
import type { ThresholdSpec } from '../thresholds/types.js';
import type { McpRequest } from '../client/request.js';
import type { Plan } from './plan.js';
import { showTarget, targetKind, targetLabel, type TargetPlan } from '../client/targets/registry.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { DataPlan } from '../traffic/data-block.js';
import type { TenantPlan } from '../traffic/tenants.js';
import type { OperationPlan } from '../operations/operation.js';
import type { EndpointGroup } from '../client/options/groups.js';
import type { ClientPolicies } from '../client/policies.js';
import { isSecretPlace, REDACTED } from '../input/redact.js';
import { isLayer } from '../client/options/merge.js';
import { declarationOf } from '../client/layers/registry.js';
import { isRecord, isWithin, valueAt, type Segment } from '../input/path.js';

type Path = readonly Segment[];

/** The scenario as written, as Plan.redacted shows it, and where `${VAR}` references were replaced. */
export interface WrittenScenario {
  readonly written: unknown;
  readonly redacted: unknown;
  readonly substituted: readonly Path[];
}

/** Where a resolved value came from: a field of the file (copied or converted), fields it was computed from, or none. */
type Source = { readonly field: Path } | { readonly computedFrom: readonly Path[] } | null;

/** Resolved keys that are spelt differently in the file; other keys drop their unit suffix (`latencyUs` → `latency`). */
const WRITTEN_KEYS: Readonly<Record<string, string>> = { uri: 'resource', perSecond: 'rate', leakPerSessionBytes: 'leakPerSession', leakPerCallBytes: 'leakPerCall', memoryBytes: 'memory' };

const planKey = (key: string): string => WRITTEN_KEYS[key] ?? key.replace(/(?:Us|PerSec)$/, '');
const sameKey = (key: string): string => key;

export function resolvedView(
  plan: Pick<Plan, 'name' | 'target' | 'workloads'>,
  scenario: WrittenScenario,
): { readonly view: unknown; readonly targetLabel: string } {
  const view = new View(scenario);
  const target = view.target(plan.target, ['target']);
  const shown = {
    name: view.mirror(plan.name, ['name']),
    target,
    workloads: plan.workloads.map((workload, index) => view.workload(workload, index, plan.target)),
  };
  return { view: shown, targetLabel: targetLabel(target) };
}

class View {
  constructor(private readonly scenario: WrittenScenario) {}

  /** A target written at `at` (`target`, or an entry of a client block's `endpoints`). */
  target(target: TargetPlan, at: Path): TargetPlan {
    const written = [...at, target.kind];
    const asWritten = targetKind(target.kind).asWritten;
    const shown = asWritten ? asWritten(target, (value, below) => this.mirror(value, [...written, ...below])) : this.mirror(target, written);
    // Header and env values stay hidden whatever they are; the mirror shows them as written at most.
    return showTarget(shown as TargetPlan);
  }

  workload(workload: WorkloadPlan, index: number, scenarioTarget: TargetPlan): unknown {
    const at: Path = ['workloads', index];
    const has = (key: string): boolean => this.written([...at, key]) !== undefined;
    const measure = has('iterations') ? 'iterations' : has('duration') ? 'duration' : undefined;
    // A data file shows as its path, order, size and hash (which the plan's fingerprint covers), never its rows.
    const { data, tenants, groups, operations, ...rest } = workload;
    return {
      ...(this.mirror(rest, at) as object),
      ...(data && { data: shownData(data) }),
      ...(groups && { groups: this.groups(groups, index) }),
      ...(tenants && { tenants: this.tenants(tenants, index) }),
      operations: this.operations(operations, index),
      ...(workload.thresholds && { thresholds: workload.thresholds.map(showThreshold) }),
      // A ramp's length is the sum of its stages' durations.
      measure: this.show(workload.measure, measure ? { field: [...at, measure] } : { computedFrom: [[...at, 'stages']] }),
      // Without its own seed, a workload's is the scenario's plus its index.
      seed: this.show(workload.seed, has('seed') ? { field: [...at, 'seed'] } : { computedFrom: [['seed']] }),
      client: this.client(workload.client, index),
      endpoints: workload.endpoints.map((endpoint, position) => this.target(endpoint, this.endpointAt(endpoint, scenarioTarget, index, position))),
      engine: {
        ...workload.engine,
        kind: this.mirror(workload.engine.kind, [...at, 'engine']),
        ...('pipelining' in workload.engine ? { pipelining: this.mirror(workload.engine.pipelining, [...at, 'pipelining']) } : {}),
      },
      ...('maxInFlight' in workload
        ? {
            // Without its own, an open-model workload's cap follows from its (peak) rate.
            maxInFlight: this.show(
              workload.maxInFlight,
              has('maxInFlight') ? { field: [...at, 'maxInFlight'] } : { computedFrom: [[...at, 'rate'], [...at, 'startRate'], [...at, 'stages']] },
            ),
          }
        : {}),
    };
  }

  /**
   * The rows of a workload's mix, each mirrored from where it was written (an entry of `operations`, or a step of a
   * journey entry). Checks and captures show as written; the compiled template never shows (its `request` does).
   */
  private operations(operations: readonly OperationPlan[], index: number): unknown[] {
    const places = writtenPlaces(operations, ['workloads', index, 'operations']);
    return operations.map((operation, position) => {
      const { template: _compiled, expect, capture, request, thresholds, weight, timeoutUs, route, ...structure } = operation;
      const at = places[position]!;
      const steps = operation.journey?.steps.map((step) => places[step]!);
      return {
        ...structure, // name (as written), signature (a hash), journey and step (row indices)
        weight: this.mirror(weight, [...at, 'weight']),
        timeoutUs: this.show(timeoutUs, steps ? this.longestSource(steps, index) : this.timeoutSource(at, index)),
        // A journey's request is its first step's.
        request: this.request(request, steps?.[0] ?? at),
        ...(route !== undefined && { route: this.mirror(route, [...at, 'route']) }),
        ...(thresholds && { thresholds: thresholds.map(showThreshold) }),
        ...(expect && { expect: this.asWritten([...at, 'expect']) }),
        ...(capture && { capture: this.asWritten([...at, 'capture']) }),
      };
    });
  }

  /** The effective client block's endpoint groups, each endpoint shown like a target at its written place. */
  private groups(groups: Readonly<Record<string, EndpointGroup>>, index: number): unknown {
    const block = this.clientBlocks(index).find((path) => isRecord(this.written([...path, 'groups'])));
    const at: Path = [...(block ?? ['client']), 'groups'];
    const shown = Object.entries(groups).map(([name, group]) => {
      // A group is a list of targets, or `{ endpoints: [...], timeout, headers }`.
      const list: Path = Array.isArray(this.written([...at, name])) ? [...at, name] : [...at, name, 'endpoints'];
      return [name, { endpoints: group.endpoints.map((endpoint, position) => this.target(endpoint, [...list, position])), timeoutUs: this.mirror(group.timeoutUs, [...at, name, 'timeout']) }];
    });
    return Object.fromEntries(shown);
  }

  /** The workload's own tenants, else the scenario's; every header value hidden, thresholds as written. */
  private tenants(tenants: readonly TenantPlan[], index: number): unknown[] {
    const own: Path = ['workloads', index, 'tenants'];
    const at = Array.isArray(this.written(own)) ? own : ['tenants'];
    return tenants.map(({ data, headers, thresholds, ...tenant }, position) => ({
      ...(this.mirror(tenant, [...at, position]) as object),
      headers: this.hidden(headers, [...at, position, 'headers']),
      ...(thresholds && { thresholds: thresholds.map(showThreshold) }),
      ...(data && { data: shownData(data) }),
    }));
  }

  /** Secret values: each as Plan.redacted shows its field (`Bearer ${TOKEN}`), else "[redacted]"; never the value. */
  private hidden(values: Readonly<Record<string, string>>, at: Path): Record<string, unknown> {
    return Object.fromEntries(
      Object.keys(values).map((key) => {
        const path = [...at, key];
        const written = isSecretPlace(path) ? valueAt(this.scenario.redacted, path) : undefined;
        return [key, typeof written === 'string' ? written : REDACTED];
      }),
    );
  }

  /** A field as written, as Plan.redacted shows it (references kept, secret places hidden). */
  private asWritten(at: Path): unknown {
    return valueAt(this.scenario.redacted, at) ?? REDACTED;
  }

  /** A tool's or prompt's args are the user's own names: no key there is spelt differently in the file. */
  private request(request: McpRequest, at: Path): unknown {
    const shown = this.mirror(request, at);
    return 'args' in request && isRecord(shown) ? { ...shown, args: this.mirror(request.args, [...at, 'args'], sameKey) } : shown;
  }

  /** An operation's own timeout, else the effective client block's, else its workload's, else the scenario's. */
  private timeoutSource(operation: Path, index: number): Source {
    return this.firstWritten([[...operation, 'timeout'], ...this.clientBlocks(index).map((block) => [...block, 'timeout']), ['workloads', index, 'timeout'], ['timeout']]);
  }

  /** A journey's timeout is its longest step's: one step's field when they share it, else computed from theirs. */
  private longestSource(steps: readonly Path[], index: number): Source {
    const fields = steps.map((step) => this.timeoutSource(step, index)).flatMap((source) => (source && 'field' in source ? [source.field] : []));
    if (fields.length === 0) return null;
    const same = fields.length === steps.length && fields.every((field) => isWithin(field, fields[0]!) && isWithin(fields[0]!, field));
    return same ? { field: fields[0]! } : { computedFrom: fields };
  }

  /** The workload's client block merged over the scenario's (client/options/merge.ts): each setting from the first that has it. */
  private client(policies: ClientPolicies, index: number): unknown {
    const blocks = this.clientBlocks(index);
    const from = (...keys: string[]): Path[] => blocks.map((block) => [...block, ...keys]);
    return Object.fromEntries(
      Object.entries(policies).map(([key, value]) => {
        if (key === 'pool' && isRecord(value)) return [key, this.pool(value, from)];
        if (!isLayer(key) || !isRecord(value)) return [key, this.show(value, this.firstWritten(from(key)))];
        const layer = Object.entries(value).map(([setting, item]) => {
          const source = this.firstWritten(from(key, planKey(setting)));
          // A setting the layer computes from others when none gives it (a rate limit's burst from its rate).
          const inputs = source === null ? declarationOf(key).computed?.[setting] : undefined;
          return [setting, this.show(item, inputs ? { computedFrom: inputs.flatMap((input) => from(key, input)) } : source)];
        });
        return [key, Object.fromEntries(layer)];
      }),
    );
  }

  /** The pool: min and max from `sessions` unless written, perSession from them. */
  private pool(pool: Readonly<Record<string, unknown>>, from: (...keys: string[]) => Path[]): unknown {
    const computed: Readonly<Record<string, Path[]>> = {
      min: from('sessions'),
      max: [...from('pool', 'min'), ...from('sessions')],
      perSession: [...from('pool', 'min'), ...from('pool', 'max'), ...from('sessions')],
    };
    const settings = Object.entries(pool).map(([setting, item]) => {
      const source = this.firstWritten(from('pool', planKey(setting)));
      return [setting, this.show(item, source ?? (computed[setting] ? { computedFrom: computed[setting] } : null))];
    });
    return Object.fromEntries(settings);
  }

  /** The client blocks a workload's settings may come from, its own first; none when it drops the block. */
  private clientBlocks(index: number): Path[] {
    const own = this.written(['workloads', index, 'client']);
    return own === null || own === false ? [] : [['workloads', index, 'client'], ['client']];
  }

  /** The scenario's target itself, or an entry of the workload's or the scenario's `endpoints`. */
  private endpointAt(endpoint: TargetPlan, scenarioTarget: TargetPlan, index: number, position: number): Path {
    if (endpoint === scenarioTarget) return ['target'];
    const own: Path = ['workloads', index, 'client', 'endpoints'];
    return Array.isArray(this.written(own)) ? [...own, position] : ['client', 'endpoints', position];
  }

  private firstWritten(candidates: readonly Path[]): Source {
    const field = candidates.find((path) => this.written(path) !== undefined);
    return field === undefined ? null : { field };
  }

  private show(value: unknown, source: Source): unknown {
    if (source === null) return value;
    if ('field' in source) return this.mirror(value, source.field);
    const { substituted } = this.scenario;
    const touched = source.computedFrom.some((path) => substituted.some((s) => isWithin(s, path) || isWithin(path, s)));
    return touched ? REDACTED : value;
  }

  /**
   * `value` as resolved from the field written at `at`, and its parts from the fields below it (`keyOf` spells a
   * resolved key as written). A field written with `${VAR}`, or in a secret place, shows as Plan.redacted shows it.
   */
  mirror(value: unknown, at: Path, keyOf: (key: string) => string = planKey): unknown {
    const { substituted, redacted } = this.scenario;
    if (substituted.some((path) => isWithin(path, at) && isWithin(at, path)) || isSecretPlace(at)) {
      return valueAt(redacted, at) ?? REDACTED;
    }
    // Below a substituted text: a part of what it became (`on: ${CLASSES}` resolves to a list).
    if (substituted.some((path) => isWithin(at, path))) return REDACTED;
    if (Array.isArray(value)) return value.map((item, index) => this.mirror(item, [...at, index], keyOf));
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.mirror(item, [...at, keyOf(key)], keyOf)]));
    }
    return value;
  }

  private written(path: Path): unknown {
    return valueAt(this.scenario.written, path);
  }
}

/**
 * Thresholds as written (their texts never hold a `${VAR}` value), without the parsed limit, which may come from the
 * environment; the top-level ones come first in a workload's list, so mirroring by index would be wrong.
 */
function showThreshold(spec: ThresholdSpec): unknown {
  return { threshold: spec.text, abortOnFail: spec.abortOnFail, source: spec.source };
}

/** Where each row of a workload's mix was written: an entry of `operations`, or a step of a journey entry (journey.ts). */
function writtenPlaces(operations: readonly OperationPlan[], at: Path): Path[] {
  const places: Path[] = [];
  let entry = 0;
  for (const operation of operations) places.push(operation.step ? [...places[operation.step.journey]!, 'steps', operation.step.index] : [...at, entry++]);
  return places;
}

/** A data file as a report shows it: path, order, size and hash, never its rows. */
function shownData(data: DataPlan): unknown {
  return { file: data.file, order: data.order, exhausted: data.exhausted, rows: data.rows.length, sha256: data.sha256 };
}
