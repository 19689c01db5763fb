/** Paths inside a scenario: `workloads[1].operations[0].tool`, built from segments and ordered as in the file. */
export type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `['workloads', 1, 'name']` → `workloads[1].name`; unusual keys are quoted: `headers["X Trace"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** True when `inner` equals `outer` or lies below it. */
export function isWithin(inner: readonly Segment[], outer: readonly Segment[]): boolean {
  return outer.length <= inner.length && outer.every((segment, index) => inner[index] === segment);
}

/**
 * `items` sorted by where their paths sit in `root`, in document order: by the position of each key among its
 * parent's keys (objects keep the file's key order), or the list index. Missing keys sort after existing siblings.
 * Each object's key positions are looked up once, so thousands of problems in one big mapping sort in linear time.
 */
export function inDocumentOrder<T extends { readonly segments: readonly Segment[] }>(root: unknown, items: readonly T[]): T[] {
  const keyIndex = new WeakMap<object, Map<string, number>>();
  const positionOf = (node: Record<string, unknown>, key: string): number => {
    let index = keyIndex.get(node);
    if (index === undefined) {
      index = new Map(Object.keys(node).map((name, position) => [name, position]));
      keyIndex.set(node, index);
    }
    return index.get(key) ?? Number.MAX_SAFE_INTEGER;
  };
  const order = (segments: readonly Segment[]): number[] => {
    const result: number[] = [];
    let node: unknown = root;
    for (const segment of segments) {
      if (Array.isArray(node) && typeof segment === 'number') {
        result.push(segment);
        node = node[segment];
      } else if (isRecord(node)) {
        result.push(positionOf(node, String(segment)));
        node = node[String(segment)];
      } else {
        result.push(Number.MAX_SAFE_INTEGER);
        node = undefined;
      }
    }
    return result;
  };
  return items
    .map((item) => ({ item, order: order(item.segments) }))
    .sort((a, b) => compareOrder(a.order, b.order))
    .map(({ item }) => item);
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Paths that answer "does this path equal or lie below one of them?" in time proportional to the path's length, not
 * to how many paths there are (a scenario may hold thousands of `${VAR}` references, each checked per problem).
 */
export class PathSet {
  private readonly keys = new Map<string, readonly Segment[]>();

  constructor(paths: Iterable<readonly Segment[]>) {
    for (const path of paths) this.keys.set(pathKey(path), path);
  }

  /** The member that `segments` equals or lies below (the shortest such), or undefined. */
  containing(segments: readonly Segment[]): readonly Segment[] | undefined {
    if (this.keys.size === 0) return undefined;
    let key = '';
    for (let length = 0; ; length++) {
      const found = this.keys.get(key);
      if (found !== undefined) return found;
      if (length === segments.length) return undefined;
      key += `${JSON.stringify(segments[length])},`;
    }
  }

  covers(segments: readonly Segment[]): boolean {
    return this.containing(segments) !== undefined;
  }
}

function pathKey(segments: readonly Segment[]): string {
  return segments.map((segment) => `${JSON.stringify(segment)},`).join('');
}

/** The value at `segments` inside `root`, or undefined when there is none. */
export function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
