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
 * Sort key of a path in document order: the position of each key among its parent's keys (objects keep the
 * file's key order), or the list index. Missing keys sort after existing siblings.
 */
export function documentOrder(root: unknown, segments: readonly Segment[]): number[] {
  const order: number[] = [];
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === 'number') {
      order.push(segment);
      node = node[segment];
    } else if (isRecord(node)) {
      const index = Object.keys(node).indexOf(String(segment));
      order.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      node = node[String(segment)];
    } else {
      order.push(Number.MAX_SAFE_INTEGER);
      node = undefined;
    }
  }
  return order;
}

export function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
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
