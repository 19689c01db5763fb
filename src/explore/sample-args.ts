/**
 * Schema-derived arguments: from a tool's `inputSchema` (JSON Schema), a valid example argument object — required
 * fields only (all optional → `{}`), `const`, `enum` (the first), `default`, `examples[0]`, formats, string lengths and
 * simple patterns (sample-string.ts), number bounds and `multipleOf`, arrays' `minItems`, nested objects, `anyOf`/`oneOf`
 * (the first branch that works), `allOf` (merged), `$ref` into `#/$defs` or `#/definitions` (bounded depth). Pure.
 * What it cannot satisfy is said, with the path, in `problems` rather than guessed silently.
 */
import { sampleString } from './sample-string.js';

export interface SampledArgs {
  readonly args: Record<string, unknown>;
  /** `path: why` for each part no valid example was found for; empty when `args` should satisfy the schema. */
  readonly problems: readonly string[];
}

type Schema = Readonly<Record<string, unknown>>;

/** How many `$ref`s deep one value may go: recursive schemas stop here. */
export const MAX_REF_DEPTH = 8;

interface Context {
  readonly root: Schema;
  readonly problems: string[];
}

export function sampleArguments(inputSchema: unknown): SampledArgs {
  const root = asSchema(inputSchema) ?? {};
  const problems: string[] = [];
  // An argument object is what a tool takes: a root that names no type is one.
  const top = 'type' in root || '$ref' in root || 'anyOf' in root || 'oneOf' in root || 'allOf' in root ? root : { ...root, type: 'object' };
  const value = sample(top, { root, problems }, '', 0);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { args: value as Record<string, unknown>, problems };
  return { args: {}, problems: [...problems, `(root): an argument object is expected; the schema describes ${JSON.stringify(value)}`] };
}

/** An example value for one schema, at `path` (for problems); `refs` counts the `$ref`s followed to get here. */
function sample(schema: Schema, ctx: Context, path: string, refs: number): unknown {
  if (typeof schema.$ref === 'string') return sampleRef(schema.$ref, ctx, path, refs);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length > 0) return schema.enum[0];
    return fail(ctx, path, 'enum lists no values');
  }
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.allOf)) return sample(mergeAll(schema), ctx, path, refs);
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (branches !== null) return sampleBranches(branches, schema, ctx, path, refs);
  return sampleTyped(schema, typeOf(schema), ctx, path, refs);
}

function sampleTyped(schema: Schema, type: string, ctx: Context, path: string, refs: number): unknown {
  switch (type) {
    case 'string': {
      const result = sampleString(schema);
      if (!result.ok) ctx.problems.push(`${shown(path)}: ${result.problem}`);
      return result.value;
    }
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer', ctx, path);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return sampleArray(schema, ctx, path, refs);
    case 'object':
      return sampleObject(schema, ctx, path, refs);
    default:
      return fail(ctx, path, `type "${type}" is not a JSON Schema type`);
  }
}

function sampleRef(ref: string, ctx: Context, path: string, refs: number): unknown {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return fail(ctx, path, `$ref ${JSON.stringify(ref)} is not one mcp-bench follows (only #/$defs/… and #/definitions/…)`);
  if (refs >= MAX_REF_DEPTH) return fail(ctx, path, `more than ${MAX_REF_DEPTH} $refs deep (a recursive schema?)`);
  const defs = asSchema(ctx.root[match[1] as string]);
  const target = asSchema(defs?.[decodeURIComponent((match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~'))]);
  if (target === null) return fail(ctx, path, `$ref ${JSON.stringify(ref)} names no definition`);
  return sample(target, ctx, path, refs + 1);
}

/** The first branch sampled without problems; else the first branch's value with its problems. */
function sampleBranches(branches: readonly unknown[], parent: Schema, ctx: Context, path: string, refs: number): unknown {
  const { anyOf: _a, oneOf: _o, ...rest } = parent;
  let first: { value: unknown; problems: string[] } | null = null;
  for (const branch of branches) {
    const problems: string[] = [];
    const value = sample({ ...rest, ...(asSchema(branch) ?? {}) }, { root: ctx.root, problems }, path, refs);
    if (problems.length === 0) return value;
    first ??= { value, problems };
  }
  if (first === null) return fail(ctx, path, 'anyOf/oneOf lists no branches');
  ctx.problems.push(...first.problems);
  return first.value;
}

/** allOf's members laid over the schema: properties and required lists joined, the rest the last word. */
function mergeAll(schema: Schema): Schema {
  const { allOf, ...rest } = schema;
  let merged: Record<string, unknown> = { ...rest };
  for (const part of allOf as unknown[]) {
    const member = asSchema(part) ?? {};
    merged = {
      ...merged,
      ...member,
      properties: { ...(asSchema(merged.properties) ?? {}), ...(asSchema(member.properties) ?? {}) },
      required: [...stringList(merged.required), ...stringList(member.required)],
    };
  }
  return merged;
}

function sampleObject(schema: Schema, ctx: Context, path: string, refs: number): Record<string, unknown> {
  const properties = asSchema(schema.properties) ?? {};
  const wanted = new Set(stringList(schema.required));
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (const name of Object.keys(properties)) if (wanted.size < minProperties) wanted.add(name);
  const value: Record<string, unknown> = {};
  for (const name of wanted) {
    const property = asSchema(properties[name]);
    const at = path === '' ? name : `${path}.${name}`;
    value[name] = property === null ? fail(ctx, at, 'required, but the schema does not describe it') : sample(property, ctx, at, refs);
  }
  if (Object.keys(value).length < minProperties) fail(ctx, path, `minProperties ${minProperties}, but only ${Object.keys(value).length} properties are described`);
  return value;
}

function sampleArray(schema: Schema, ctx: Context, path: string, refs: number): unknown[] {
  const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
  const items = Array.isArray(schema.items) ? null : asSchema(schema.items);
  const value: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const item = asSchema(tuple[i]) ?? items ?? {};
    value.push(sample(item, ctx, `${path}[${i}]`, refs));
  }
  if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size < value.length) {
    fail(ctx, path, `uniqueItems with minItems ${count}: the example items are all alike`);
  }
  return value;
}

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

function sampleNumber(schema: Schema, integer: boolean, ctx: Context, path: string): number {
  const lo = bound(schema.minimum, schema.exclusiveMinimum, Math.max);
  const hi = bound(schema.maximum, schema.exclusiveMaximum, Math.min);
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : null;
  const fits = (x: number): boolean =>
    (!integer || Number.isInteger(x)) &&
    (step === null || onGrid(x, step)) &&
    (lo === null || (lo.exclusive ? x > lo.value : x >= lo.value)) &&
    (hi === null || (hi.exclusive ? x < hi.value : x <= hi.value));
  const candidates = lo !== null ? [above(lo, hi, step)] : [1, 0, ...(hi !== null ? [below(hi, step)] : [])];
  const found = candidates.find(fits);
  if (found !== undefined) return found;
  return fail(ctx, path, `no ${integer ? 'integer' : 'number'} found${lo ? ` ${lo.exclusive ? '>' : '≥'} ${lo.value}` : ''}${hi ? ` ${hi.exclusive ? '<' : '≤'} ${hi.value}` : ''}${step !== null ? ` on multiples of ${step}` : ''}`, candidates[0]) as number;
}

/** The tighter of `minimum`/`exclusiveMinimum` (number, or draft-4's boolean on minimum); likewise the maximum. */
function bound(inclusive: unknown, exclusive: unknown, tighter: (a: number, b: number) => number): Bound | null {
  const plain = typeof inclusive === 'number' ? inclusive : null;
  if (exclusive === true && plain !== null) return { value: plain, exclusive: true };
  if (typeof exclusive !== 'number') return plain === null ? null : { value: plain, exclusive: false };
  if (plain === null || tighter(plain, exclusive) === exclusive) return { value: exclusive, exclusive: true };
  return { value: plain, exclusive: false };
}

function above(lo: Bound, hi: Bound | null, step: number | null): number {
  if (step === null) return lo.exclusive ? (hi !== null ? (lo.value + hi.value) / 2 : lo.value + 1) : lo.value;
  const up = gridRound(Math.ceil(lo.value / step - 1e-9) * step);
  return lo.exclusive && up <= lo.value ? gridRound(up + step) : up;
}

function below(hi: Bound, step: number | null): number {
  if (step === null) return hi.exclusive ? hi.value - 1 : hi.value;
  const down = gridRound(Math.floor(hi.value / step + 1e-9) * step);
  return hi.exclusive && down >= hi.value ? gridRound(down - step) : down;
}

function onGrid(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/** Floating point's crumbs removed (0.30000000000000004 → 0.3). */
function gridRound(x: number): number {
  return Number(x.toPrecision(12));
}

/** The schema's type: the first non-null of a list, else inferred from the keywords it uses. */
function typeOf(schema: Schema): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0] ?? 'string') as string;
  if ('properties' in schema || 'required' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema) return 'array';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in schema)) return 'number';
  return 'string';
}

function fail(ctx: Context, path: string, problem: string, value: unknown = null): unknown {
  ctx.problems.push(`${shown(path)}: ${problem}`);
  return value;
}

function shown(path: string): string {
  return path === '' ? '(root)' : path;
}

function asSchema(value: unknown): Schema | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
