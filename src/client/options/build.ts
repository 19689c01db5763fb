/** A validated, merged client block → ClientPolicies: defaults applied, names as the client layers read them. */
import type { ClientPolicies } from '../policies.js';
import { PLAIN_CLIENT } from '../policies.js';
import { LAYER_LIST, type AnyLayerDeclaration, type LayerPolicies } from '../layers/registry.js';
import type { RawClient } from './schema.js';
import { CLIENT_DEFAULTS } from './defaults.js';
import { buildPool } from '../pool/policy.js';

const D = CLIENT_DEFAULTS;

/** The policies of a merged block; no block at all is the plain client. */
export function buildClient(block: RawClient | null): ClientPolicies {
  if (block === null) return PLAIN_CLIENT;
  return {
    ...layerPolicies(block),
    ...sessionsAndPool(block),
    reconnect: block.reconnect ?? D.reconnect,
    balance: block.balance ?? D.balance,
    compression: block.compression ?? D.compression,
    validateOutput: block.validateOutput ?? D.validateOutput,
  };
}

/** Each layer's policy; a layer that is absent or switched off is not in the stack (null). */
function layerPolicies(block: RawClient): LayerPolicies {
  const written = block as Readonly<Record<string, unknown>>;
  const policies = LAYER_LIST.map((declaration) => {
    const settings = written[declaration.key] as Readonly<Record<string, unknown>> | null | undefined;
    return [declaration.key, settings === null || settings === undefined ? null : policy(declaration, settings)];
  });
  return Object.fromEntries(policies) as LayerPolicies;
}

/** The layer's settings over its defaults (a setting left out takes its default), as its policy. */
function policy(declaration: AnyLayerDeclaration, settings: Readonly<Record<string, unknown>>): object {
  const resolved: Record<string, unknown> = { ...declaration.defaults };
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) resolved[key] = value;
  return declaration.policy(resolved);
}

/** `sessions` is the pool's min unless `pool.min` says (checks.ts refuses both); a pool block adds the rest. */
function sessionsAndPool(block: RawClient): Pick<ClientPolicies, 'sessions' | 'pool'> {
  const pool = buildPool(block.sessions ?? (block.pool ? undefined : D.sessions), block.pool);
  return { sessions: pool.min, pool };
}
