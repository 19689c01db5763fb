/**
 * `groups:` in a client block: named endpoint groups (regions, tiers) next to `endpoints:` (the default group).
 * An operation's `route:` or a tenant's sends its calls to a group. Each group is a list of targets, written like
 * `endpoints:`, or `{ endpoints: [...], timeout: 2s, headers: {...} }` with the group's own per-attempt timeout and
 * headers (merged into its http/sse targets' headers; a header on a stdio or built-in target is a mistake).
 * Like `endpoints:`, a workload's `groups:` replaces the scenario's (merge.ts).
 */
import { z } from 'zod';
import { duration, headerMap, strict } from '../../input/fields.js';
import { isRecord } from '../../input/path.js';
import { buildTarget, targetSchema, type RawTarget, type TargetPlan } from '../targets/registry.js';

/** One group, resolved: its endpoints (balanced like `endpoints:`), its headers already merged into them. */
export interface EndpointGroup {
  readonly endpoints: readonly TargetPlan[];
  /** Per-attempt timeout of the calls routed here, instead of the operation's; null: the operation's. */
  readonly timeoutUs: number | null;
}

/** The kinds of target a request header can be sent to. */
export const HEADER_KINDS: readonly string[] = ['http', 'sse'];

const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const groupObject = strict({
  endpoints: z.array(targetSchema).min(1),
  timeout: duration({ positive: true }).optional(),
  headers: headerMap().optional(),
}).superRefine(checkHeaders, { when: (payload) => isRecord(payload.value) });

/** A bare list is `{ endpoints: list }`. */
const groupSchema = z.preprocess((value) => (Array.isArray(value) ? { endpoints: value } : value), groupObject);

export type RawGroup = z.output<typeof groupObject>;

export const groupsField = () =>
  z.record(z.string(), groupSchema).superRefine(
    (groups, ctx) => {
      for (const name of Object.keys(groups)) {
        if (GROUP_NAME.test(name)) continue;
        const hint = 'a group name is letters, digits, ".", "_" or "-", starting with a letter or digit';
        ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" cannot name an endpoint group`, params: { hint } });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );

/** Headers go to http/sse targets only: a group's headers with a stdio or built-in endpoint are reported there. */
function checkHeaders(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value.headers) || Object.keys(value.headers).length === 0 || !Array.isArray(value.endpoints)) return;
  value.endpoints.forEach((endpoint: unknown, index) => {
    const kind = isRecord(endpoint) ? Object.keys(endpoint)[0] : undefined;
    if (kind === undefined || HEADER_KINDS.includes(kind)) return;
    const hint = 'headers are sent with HTTP requests: give this group only http or sse endpoints, or drop its headers';
    ctx.addIssue({ code: 'custom', path: ['endpoints', index], message: `a ${kind} endpoint cannot carry the group's headers`, params: { hint } });
  });
}

/** The groups of a validated block; relative stdio `cwd`s taken from `baseDir`. */
export function buildGroups(raw: Readonly<Record<string, RawGroup>>, baseDir: string): Readonly<Record<string, EndpointGroup>> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, group]) => [
      name,
      {
        endpoints: group.endpoints.map((target: RawTarget) => withHeaders(buildTarget(target, baseDir), group.headers ?? {})),
        timeoutUs: group.timeout ?? null,
      },
    ]),
  );
}

/** `target` with `headers` laid over its own (http/sse); any other kind unchanged (the checks refuse headers there). */
export function withHeaders(target: TargetPlan, headers: Readonly<Record<string, string>>): TargetPlan {
  if (Object.keys(headers).length === 0 || !('headers' in target)) return target;
  return { ...target, headers: { ...target.headers, ...headers } };
}
