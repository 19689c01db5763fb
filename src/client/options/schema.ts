/**
 * The `client:` block (top level, and per workload over it): the reliability and caching layers calls go through,
 * and the endpoints they are balanced over. Every field here is optional, because a workload's block only says
 * what it changes (merge.ts); rules that need the merged settings are in checks.ts, defaults in defaults.ts, and the
 * resolved form in build.ts. Each layer's own fields, defaults and rules are in its declaration (layers/registry.ts).
 *
 * Each layer key takes a mapping (missing fields take their defaults), `true` (all defaults), or `false`/`null` (off).
 */
import { SESSIONS_BOUND } from '../../input/bounds.js';
import { z } from 'zod';
import type { BalanceStrategy } from '../policies.js';
import { duration, strict, wholeNumber } from '../../input/fields.js';
import { CLIENT_LAYERS, LAYER_KEYS, type LayerKey } from '../layers/registry.js';
import { targetSchema } from '../targets/registry.js';
import { groupsField } from './groups.js';
import { poolSchema } from '../pool/policy.js';
import { compressionField } from './compression.js';

/** `true` is the layer with its settings as they stand (all defaults, or the scenario's), `false` is off (null). */
const onOff = (value: unknown): unknown => (value === true ? {} : value === false ? null : value);

/** A layer: its settings, `true`, or `false`/`null`. */
const layer = <S extends z.ZodRawShape>(shape: S) => z.preprocess(onOff, strict(shape).nullable()).optional();

/** The layers' keys, in the order a call passes through them, each taking the options its declaration gives. */
type LayerFields = { readonly [D in (typeof CLIENT_LAYERS)[number] as D['key']]: ReturnType<typeof layer<D['options']>> };

const layerFields = (): LayerFields =>
  Object.fromEntries(CLIENT_LAYERS.map((declaration) => [declaration.key, layer(declaration.options)])) as unknown as LayerFields;

/** The layers' keys (layers/registry.ts), for checks elsewhere that treat every layer alike. */
export const LAYER_NAMES: readonly LayerKey[] = LAYER_KEYS;

const BALANCE_STRATEGIES = ['round-robin', 'least-outstanding', 'fastest'] as const satisfies readonly BalanceStrategy[];

export const clientShape = {
  /** Per attempt; the default timeout of the workload's operations. */
  timeout: duration({ positive: true }).optional(),
  ...layerFields(),
  sessions: wholeNumber({ min: 1, hint: 'sessions is how many connections each endpoint gets; 1 is one connection', max: SESSIONS_BOUND }).optional(),
  /** How the sessions grow, shrink, are health-checked and recycled (pool/policy.ts). */
  pool: poolSchema.optional(),
  /** Re-open a lost or expired session instead of failing the run (default: on, with any client block). */
  reconnect: z.boolean().optional(),
  balance: z.enum(BALANCE_STRATEGIES).optional(),
  /** Several targets, each written like `target:`; they replace the scenario's target for this block's calls. */
  endpoints: z.preprocess((value) => (value === false ? null : value), z.array(targetSchema).min(1).nullable()).optional(),
  /** Compressed request bodies and answers (Streamable HTTP): compression.ts. */
  compression: compressionField().optional(),
  /** Check tools/call results against the tool's outputSchema (`schema-mismatch` when broken); default true. */
  validateOutput: z.boolean().optional(),
  /** Named endpoint groups that operations and tenants are routed to (`route:`); groups.ts. */
  groups: groupsField().optional(),
};

/** Words people write for a key of the block, so a misspelling of them still finds the key (layers: their own). */
const CLIENT_ALIASES: Readonly<Record<string, keyof typeof clientShape>> = {
  ...Object.fromEntries(CLIENT_LAYERS.flatMap((declaration) => (declaration.aliases ?? []).map((alias) => [alias, declaration.key]))),
  balancer: 'balance',
  loadBalancing: 'balance',
  gzip: 'compression',
};

/** A client block; `false`/`null` is "no client block" (the plain client, nothing inherited), `true` is `{}`. */
export const clientSchema = z.preprocess(onOff, strict(clientShape, CLIENT_ALIASES).nullable());

/** A validated client block, units resolved, before merging and defaults. */
export type RawClient = NonNullable<z.output<typeof clientSchema>>;
