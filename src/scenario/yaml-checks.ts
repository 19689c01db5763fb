/**
 * Checks on the YAML token tree (the CST), before it is composed into values: how deep it nests (the composer
 * recurses once per level and would overflow the stack on a file nested thousands of levels deep), which tags it
 * uses (a scenario is plain mappings, lists and scalars: `!!js/function` or `!custom` are refused, not silently
 * dropped), aliases with no anchor before them, and keys written twice in one mapping (found with one set per mapping: the YAML library's own check
 * compares every key with every earlier one, which takes minutes on a mapping of 80,000 keys). One iterative walk.
 */
import { CST } from 'yaml';
import type { Problem } from '../input/issues.js';
import { MAX_NESTING, tooDeep } from '../input/nesting.js';
import type { Segment } from '../input/path.js';

/** A problem found in the source, at a character offset. */
export interface SourceProblem extends Problem {
  readonly offset: number;
}

/** The tags of plain values; any other tag would make something no scenario field can hold. */
const PLAIN_TAGS = new Set(['!', '!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq']);

interface Place {
  /** The place of the collection holding this one, and the key or index here: the path is spelt out when needed. */
  readonly parent: Place | null;
  readonly key: Segment;
}

interface Frame extends Place {
  readonly token: CST.Token;
  /** Mappings and lists above this token. */
  readonly depth: number;
}

function pathOf(place: Place): Segment[] {
  const segments: Segment[] = [];
  for (let at: Place | null = place; at?.parent; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

type Item = CST.CollectionItem;

/** What the walk gathers: problems, and anchors and aliases (matched at the end, by offset: an alias must follow its anchor). */
interface Walk {
  readonly problems: SourceProblem[];
  /** Each anchor's first offset. */
  readonly anchors: Map<string, number>;
  readonly aliases: { readonly name: string; readonly offset: number; readonly parent: Place; readonly segment: Segment }[];
}

export interface SourceChecks {
  /** In document order. */
  readonly problems: SourceProblem[];
  /** False when nesting is too deep: the walk stopped there, and the file must not be composed. */
  readonly composable: boolean;
}

/** Problems of the first document in `tokens`. */
export function sourceProblems(tokens: readonly CST.Token[]): SourceChecks {
  const walk: Walk = { problems: [], anchors: new Map(), aliases: [] };
  const { problems } = walk;
  const document = tokens.find((token): token is CST.Document => token.type === 'document');
  if (document === undefined) return { problems, composable: true };
  checkProps(document.start, null, null, walk);
  const stack: Frame[] = document.value ? [{ parent: null, key: '', token: document.value, depth: 0 }] : [];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { token, depth } = frame;
    if (token.type === 'block-scalar') checkProps(token.props, frame, null, walk);
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth >= MAX_NESTING) return { problems: [...problems, { ...tooDeep(pathOf(frame)), offset: token.offset }], composable: false };
    const children = itemsOf(token, frame, walk);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as Frame);
  }
  for (const alias of walk.aliases) {
    const anchored = walk.anchors.get(alias.name);
    if (anchored !== undefined && anchored < alias.offset) continue;
    problems.push({
      segments: [...pathOf(alias.parent), alias.segment],
      offset: alias.offset,
      message: `the alias *${alias.name} has no anchor &${alias.name} before it`,
      hint: `define the anchor first, e.g. defaults: &${alias.name} { … }, then use *${alias.name} below it`,
    });
  }
  return { problems, composable: true };
}

/**
 * The collections (and block scalars, which may carry a tag) below a collection; scalars need no visit, their tags
 * sit in the item. Tags and duplicate keys are checked on the way.
 */
function itemsOf(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, parent: Frame, walk: Walk): Frame[] {
  const isMap = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
  const keys = isMap ? new Set<string>() : undefined;
  const children: Frame[] = [];
  const depth = parent.depth + 1;
  let index = 0;
  for (const item of token.items as readonly Item[]) {
    const key = keys === undefined ? undefined : keyText(item);
    const segment = key ?? index;
    if (item.value !== undefined || item.key) index++;
    checkProps(item.start, parent, segment, walk);
    if (item.sep) checkProps(item.sep, parent, segment, walk);
    if (key !== undefined && keys !== undefined && item.key) {
      if (keys.has(key)) walk.problems.push({ segments: [...pathOf(parent), key], offset: item.key.offset, ...duplicate(key) });
      keys.add(key);
    }
    for (const token of [item.key, item.value]) {
      if (token?.type === 'alias') walk.aliases.push({ name: token.source.slice(1), offset: token.offset, parent, segment });
    }
    // A key may itself be a mapping or a list (`? [a, b]: x`); the composer walks it like a value.
    if (item.key && needsVisit(item.key)) children.push({ parent, key: segment, token: item.key, depth });
    if (item.value && needsVisit(item.value)) children.push({ parent, key: segment, token: item.value, depth });
  }
  return children;
}

function needsVisit(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' || token.type === 'block-scalar';
}

/** A scalar key's text as the composer reads it (`a`, `"a"` and `'a'` are the same key). */
function keyText(item: Item): string | undefined {
  if (!item.key) return undefined;
  const scalar = CST.resolveAsScalar(item.key);
  return scalar === null ? undefined : scalar.value;
}

function duplicate(key: string): Pick<Problem, 'message' | 'hint'> {
  return { message: `the key ${JSON.stringify(key)} appears twice in this mapping`, hint: 'each key may appear only once in a mapping' };
}

/** Tags and anchors among an item's tokens; `segment` (under `parent`) is where the value they mark sits. */
function checkProps(tokens: readonly CST.Token[], parent: Place | null, segment: Segment | null, walk: Walk): void {
  for (const token of tokens) {
    if (token.type === 'anchor') {
      const name = token.source.slice(1);
      if (!walk.anchors.has(name)) walk.anchors.set(name, token.offset);
    }
    if (token.type !== 'tag' || PLAIN_TAGS.has(token.source)) continue;
    walk.problems.push({
      segments: parent === null ? [] : segment === null ? pathOf(parent) : [...pathOf(parent), segment],
      offset: token.offset,
      message: `unsupported YAML tag ${token.source}`,
      got: token.source,
      hint: 'a scenario holds plain mappings, lists, text, numbers and true/false; remove the tag',
    });
  }
}
