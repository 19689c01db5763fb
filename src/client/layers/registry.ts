/**
 * The client's layers, one line each, in stack order: a call passes through them top to bottom. All there is to
 * know about a layer is in its own file (declaration.ts says what); ClientPolicies, the `client:` block's schema,
 * defaults, merge and checks, the stack, the recorder's figures, the summary, the rounds merge and the client table
 * are derived from this list, and the types below make the compiler hold every derived place to it.
 *
 * Not listed, because no key switches them on: the attempt layer (innermost whenever any layer here is on; stack.ts
 * adds it) and the bottom of the stack, the balancer across endpoints and the session pools (built from `sessions`,
 * `balance` and the endpoints, see stack.ts and pool.ts).
 */
import type { z } from 'zod';
import type { Caller, Layer } from '../caller.js';
import type { AnyFigures, FigureSchemas, LayerCounters, LayerDeps, LayerFigures, LayerRule } from './declaration.js';
import { breakerDeclaration } from './breaker.js';
import { cacheDeclaration } from './cache-declaration.js';
import { concurrencyDeclaration } from './concurrency.js';
import { dedupDeclaration } from './dedup.js';
import { rateLimitDeclaration } from './rate-limit.js';
import { retryDeclaration } from './retry.js';

/** Outermost first. */
export const CLIENT_LAYERS = [
  cacheDeclaration,
  dedupDeclaration,
  breakerDeclaration,
  rateLimitDeclaration,
  concurrencyDeclaration,
  retryDeclaration,
] as const;

type Declared = (typeof CLIENT_LAYERS)[number];

/** A layer's key in a `client:` block and in ClientPolicies: `cache`, `rateLimit`, … */
export type LayerKey = Declared['key'];

export type PolicyOf<K extends LayerKey> = ReturnType<Extract<Declared, { readonly key: K }>['policy']>;

/** Each layer's policy, or null when it is off (not in the stack). */
export type LayerPolicies = { readonly [K in LayerKey]: PolicyOf<K> | null };

/**
 * A declaration as the derived code walks the list, its own types forgotten. Each declaration pairs with its own
 * key, so `policyIn(policies, declaration)` is always that declaration's policy and its `build` takes it.
 */
export interface AnyLayerDeclaration extends LayerCounters {
  readonly key: string;
  readonly options: z.ZodRawShape;
  readonly aliases?: readonly string[];
  readonly defaults: object;
  readonly rules?: readonly AnyRule[];
  policy(settings: Readonly<Record<string, unknown>>): object;
  readonly computed?: Readonly<Partial<Record<string, readonly string[]>>>;
  build(policy: object, inner: Caller, deps: LayerDeps): Layer;
  readonly figures?: AnyFigures;
}

interface AnyRule {
  readonly fields: readonly string[];
  readonly at?: string;
  readonly check: LayerRule['check'];
}

export const LAYER_LIST: readonly AnyLayerDeclaration[] = CLIENT_LAYERS;

export const LAYER_KEYS: readonly LayerKey[] = CLIENT_LAYERS.map((declaration) => declaration.key);

const BY_KEY: ReadonlyMap<string, AnyLayerDeclaration> = new Map(LAYER_LIST.map((declaration) => [declaration.key, declaration]));

export function isLayerKey(key: string): key is LayerKey {
  return BY_KEY.has(key);
}

export function declarationOf(key: LayerKey): AnyLayerDeclaration {
  return BY_KEY.get(key)!;
}

/** The declaration's policy in `policies`, null when the layer is off. */
export function policyIn(policies: LayerPolicies, declaration: AnyLayerDeclaration): object | null {
  return (policies as Readonly<Record<string, object | null>>)[declaration.key] ?? null;
}

/** Whether any listed layer is on: with none, the plain client calls the endpoints directly. */
export function anyLayerOn(policies: LayerPolicies): boolean {
  return LAYER_LIST.some((declaration) => policyIn(policies, declaration) !== null);
}

/** Every layer off. */
export function layersOff(): LayerPolicies {
  return Object.fromEntries(LAYER_KEYS.map((key) => [key, null])) as Record<LayerKey, null>;
}

type FiguresIn<D> = D extends { readonly figures?: infer F } ? NonNullable<F> : never;
type DeclaredFigures = FiguresIn<Declared>;
type FigureType<F> = F extends LayerFigures<string, infer T> ? T : never;

/** An operation's figures from the layers that were on, each under its key (`retry`, `cache`, `queueWaitUs`, …). */
export type LayerFigureSummaries = { readonly [F in DeclaredFigures as F['key']]?: FigureType<F> };

/** The report schema's part for LayerFigureSummaries. */
export type LayerFigureShapes = { readonly [F in DeclaredFigures as F['key']]: z.ZodOptional<z.ZodType<FigureType<F>>> };

export function layerFigureShapes(blocks: FigureSchemas): LayerFigureShapes {
  const shapes = LAYER_LIST.flatMap((declaration) => {
    const figures = declaration.figures;
    return figures ? [[figures.key, figures.schema(blocks).optional()] as const] : [];
  });
  return Object.fromEntries(shapes) as unknown as LayerFigureShapes;
}
