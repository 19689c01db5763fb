/**
 * How deep mappings and lists may nest in a scenario. Every walk over a scenario (interpolation, redaction, freezing,
 * the YAML composer) recurses once per level, so a file nested thousands of levels deep would overflow the stack;
 * it is refused instead, at the path where it goes too deep. 64 levels leave a tool's `args` ~58 levels of its own.
 */
import type { Problem } from './issues.js';
import { isRecord, type Segment } from './path.js';

export const MAX_NESTING = 64;

/** The problem at `segments`, the first mapping or list that lies more than MAX_NESTING levels deep. */
export function tooDeep(segments: readonly Segment[]): Problem {
  return {
    segments,
    message: `nested more than ${MAX_NESTING} levels deep`,
    hint: `mappings and lists may nest at most ${MAX_NESTING} levels; flatten the value, or pass a deep structure as a JSON string`,
  };
}

interface Frame {
  readonly value: object;
  readonly depth: number;
  /** The frame of the container holding this one, and its key there: the path is spelt out only when needed. */
  readonly parent: Frame | null;
  readonly key: Segment;
}

function pathOf(frame: Frame): Segment[] {
  const segments: Segment[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

/**
 * The first place (in document order) where `value` nests too deep, or undefined. Iterative, so it never overflows
 * the stack itself. A value inside itself (a YAML alias inside its own anchor) is not followed: interpolation
 * reports it.
 */
export function nestingProblem(value: unknown): Problem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: '' }];
  // onPath[d] is the container at depth d on the path being walked.
  const onPath: unknown[] = [];
  const isAncestor = (item: unknown, depth: number): boolean => {
    for (let level = 0; level < depth; level++) if (onPath[level] === item) return true;
    return false;
  };
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value: node, depth } = frame;
    if (depth >= MAX_NESTING) return tooDeep(pathOf(frame));
    onPath[depth] = node;
    const keys: readonly Segment[] = Array.isArray(node) ? node.map((_, index) => index) : isRecord(node) ? Object.keys(node) : [];
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as Segment;
      const item = (node as Record<Segment, unknown>)[key];
      if (typeof item !== 'object' || item === null || isAncestor(item, depth + 1)) continue;
      stack.push({ value: item, depth: depth + 1, parent: frame, key });
    }
  }
  return undefined;
}
