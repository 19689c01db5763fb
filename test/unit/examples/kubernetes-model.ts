/**
 * Kubernetes manifests checked offline against kubernetes-models (the API's OpenAPI schemas compiled to validators),
 * plus a strict unknown-key check: the schemas do not forbid extra keys, so `parallelizm: 4` passes them and the
 * API server would drop it silently. A key counts as known when the model's validator looks it up on its object; a
 * map (labels, a ConfigMap's data) is one whose keys the validator enumerates, and takes any key.
 */
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';

/** The kinds the examples use; any other kind is a problem, not a silent pass. */
const MODELS: Readonly<Record<string, { prototype: { validate(): void } }>> = {
  'v1 ConfigMap': ConfigMap,
  'batch/v1 Job': Job,
};

export interface ManifestDocument {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly [key: string]: unknown;
}

/** Every problem with one manifest document: schema violations, then keys the model does not know. Empty: valid. */
export function manifestProblems(doc: ManifestDocument): string[] {
  const name = `${String(doc.apiVersion)} ${String(doc.kind)}`;
  const model = MODELS[name];
  if (model === undefined) return [`${name}: no model for this kind (known: ${Object.keys(MODELS).join(', ')})`];
  const watch = new KeyWatch();
  try {
    model.prototype.validate.call(watch.wrap(doc, ''));
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
  return watch.unknownKeys().map((key) => `${name}: unknown field ${key}`);
}

/** Proxies that note which keys a validator reads on each object, and which objects it enumerates. */
class KeyWatch {
  private readonly watched = new Map<object, { readonly path: string; readonly read: Set<PropertyKey>; enumerated: boolean }>();

  wrap(value: unknown, path: string): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = value as Record<PropertyKey, unknown>;
    const note = { path, read: new Set<PropertyKey>(), enumerated: false };
    this.watched.set(target, note);
    const children = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
      get: (object, key) => {
        note.read.add(key);
        if (!Object.hasOwn(object, key)) return Reflect.get(object, key);
        if (!children.has(key)) children.set(key, this.wrap(object[key], `${path}.${String(key)}`));
        return children.get(key);
      },
      has: (object, key) => {
        note.read.add(key);
        return Reflect.has(object, key);
      },
      ownKeys: (object) => {
        note.enumerated = true;
        return Reflect.ownKeys(object);
      },
    });
  }

  /** Paths of the keys of every object the validator reached that it neither read nor enumerated. */
  unknownKeys(): string[] {
    const unknown: string[] = [];
    for (const [object, note] of this.watched) {
      if (Array.isArray(object) || note.enumerated) continue;
      for (const key of Object.keys(object)) if (!note.read.has(key)) unknown.push(`${note.path}.${key}`);
    }
    return unknown;
  }
}
