/**
 * One text per JSON value, whatever the order its keys were written in: what the identity of arguments is computed
 * from (the cache and dedup keys, operation signatures, the reference server's distinct-argument counts).
 */

/** A piece of JSON syntax on the work stack, told apart from a value by its class. */
class Syntax {
  constructor(readonly text: string) {}
}

/** Marks where an object or array ends, so it leaves the set of ancestors (cycle detection). */
class Leave {
  constructor(readonly value: object) {}
}

/** A value whose key was dropped (undefined, a function, a symbol), in an object: nothing is written. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * JSON with object keys sorted at every depth, following JSON.stringify's rules otherwise (undefined and functions
 * dropped from objects and written as null in arrays, non-finite numbers as null, `toJSON` honoured, a bigint as its
 * decimal string). A cycle is written as `"[circular]"` rather than throwing, since the layers that use the key must
 * never throw. Iterative: a deeply nested value cannot overflow the stack.
 */
export function canonicalJson(root: unknown): string {
  const pending: unknown[] = [root];
  const ancestors = new Set<object>();
  let out = '';
  while (pending.length > 0) {
    let next = pending.pop();
    if (next instanceof Syntax) {
      out += next.text;
      continue;
    }
    if (next instanceof Leave) {
      ancestors.delete(next.value);
      continue;
    }
    next = jsonValue(next);
    if (next === null || typeof next !== 'object') {
      out += primitive(next);
    } else if (ancestors.has(next)) {
      out += '"[circular]"';
    } else {
      ancestors.add(next);
      pending.push(new Leave(next));
      out += Array.isArray(next) ? pushArray(next, pending) : pushObject(next as Record<string, unknown>, pending);
    }
  }
  return out;
}

function jsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

function primitive(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (omitted(value)) return 'null';
  return JSON.stringify(value) as string;
}

/** Pushes an array's items (last first), returns its opening. */
function pushArray(items: readonly unknown[], pending: unknown[]): string {
  pending.push(new Syntax(']'));
  for (let i = items.length - 1; i >= 0; i--) {
    pending.push(items[i]);
    if (i > 0) pending.push(new Syntax(','));
  }
  return '[';
}

/** Pushes an object's kept entries, keys sorted (the last first), returns its opening. */
function pushObject(object: Record<string, unknown>, pending: unknown[]): string {
  const keys = Object.keys(object).filter((key) => !omitted(jsonValue(object[key]))).sort();
  pending.push(new Syntax('}'));
  for (let i = keys.length - 1; i >= 0; i--) {
    pending.push(object[keys[i]!], new Syntax(`${JSON.stringify(keys[i])}:`));
    if (i > 0) pending.push(new Syntax(','));
  }
  return '{';
}
