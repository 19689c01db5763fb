/**
 * Argument templates: `{{seq}}`, `{{row.<column>}}`, `{{vars.<name>}}`, … (syntax: template-syntax.ts) in any string
 * of an operation's tool `args` (at any depth), resource URI or prompt args, compiled once at resolve time into
 * closures and evaluated per call. A string without `{{` costs nothing per call. A string that is one template keeps
 * the value's type (`"{{row.id}}"` → 42 when the column is numeric); inside a longer string a value is written as
 * text. URIs and prompt arguments are always text. Random values (`int`, `pick`, `uuid`) are a pure function of the
 * workload's seed, the call's `seq` and the template's slot (its place in the request): runs and shards repeat.
 */
import type { McpRequest } from '../client/request.js';
import type { Problem } from '../input/issues.js';
import { isRecord, type Segment } from '../input/path.js';
import { didYouMean, listWords } from '../input/suggest.js';
import { seekableRandom, type RandomAt } from '../random/seeded.js';
import type { Shard } from '../schedule/shard.js';
import { hasTemplate, parseTemplateString, type Expression, type Part } from './template-syntax.js';

/** What a template may read when a call is made. */
export interface TemplateScope {
  /** The call's sequence number in the workload (Performer.perform's `seq`: global over shards). */
  readonly seq: number;
  /** The shard (and worker: `--workers` runs shard i of N) that makes the call. */
  readonly shard: Shard;
  /** The data row this call (or journey) was given, or null when the workload reads no data file. */
  readonly row: Readonly<Record<string, unknown>> | null;
  /** Values captured by earlier steps of this journey (empty outside journeys). */
  readonly vars: Readonly<Record<string, unknown>>;
}

/** A request whose templates were compiled: evaluating it is the per-call cost. */
export interface RequestTemplate {
  instantiate(scope: TemplateScope): McpRequest;
}

/** What is known about a request's templates at load time. */
export interface TemplateContext {
  /** The columns of the workload's data file; null: it reads none; 'any': unknown (its file failed, reported there). */
  readonly columns: readonly string[] | null | 'any';
  /** The names `{{vars.…}}` may read (captured by earlier journey steps); null: any. */
  readonly vars: readonly string[] | null;
  /** The workload's seed, before any sharding: what random templates draw from. */
  readonly seed: number;
}

export interface CompiledRequest {
  /** Null when the request holds no template (or a problem). */
  readonly template: RequestTemplate | null;
  /** Paths relative to the operation (`['args', 'id']`, `['resource']`). */
  readonly problems: readonly Problem[];
}

type Evaluate = (scope: TemplateScope) => unknown;

/** Compiles every template of a request; problems carry paths relative to the operation. */
export function compileRequest(request: McpRequest, context: TemplateContext): CompiledRequest {
  const compiler = new Compiler(context);
  const template = withProgress(requestTemplate(request, compiler), request);
  return compiler.problems.length > 0 ? { template: null, problems: compiler.problems } : { template, problems: [] };
}

/** A templated request keeps the operation's `progress: true` (its progress token). */
function withProgress(template: RequestTemplate | null, request: McpRequest): RequestTemplate | null {
  if (template === null || !('progress' in request) || request.progress !== true) return template;
  const { instantiate } = template;
  return { ...template, instantiate: (scope) => ({ ...instantiate(scope), progress: true }) as McpRequest };
}

function requestTemplate(request: McpRequest, compiler: Compiler): RequestTemplate | null {
  switch (request.method) {
    case 'tools/call': {
      const args = compiler.node(request.args, ['args'], false);
      const { tool } = request;
      return args && { instantiate: (scope) => ({ method: 'tools/call', tool, args: args(scope) as Record<string, unknown> }) };
    }
    case 'resources/read': {
      const uri = compiler.string(request.uri, ['resource'], true);
      return uri && { instantiate: (scope) => ({ method: 'resources/read', uri: uri(scope) as string }) };
    }
    case 'prompts/get': {
      const args = compiler.node(request.args, ['args'], true);
      const { prompt } = request;
      return args && { instantiate: (scope) => ({ method: 'prompts/get', prompt, args: args(scope) as Record<string, string> }) };
    }
    case 'completion/complete': {
      const value = compiler.string(request.value, ['complete', 'value'], true);
      const { ref, argument } = request;
      return value && { instantiate: (scope) => ({ method: 'completion/complete', ref, argument, value: value(scope) as string }) };
    }
    case 'resources/subscribe':
    case 'resources/unsubscribe': {
      const uri = compiler.string(request.uri, [request.method === 'resources/subscribe' ? 'subscribe' : 'unsubscribe'], true);
      const { method } = request;
      return uri && { instantiate: (scope) => ({ method, uri: uri(scope) as string }) };
    }
    default:
      return null;
  }
}

/** Whether any string in a value (at any depth) holds a template. */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  return isRecord(value) && Object.values(value).some(containsTemplate);
}

/** A value as text inside a longer string: numbers and booleans as written, objects as JSON, nothing as ''. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

class Compiler {
  readonly problems: Problem[] = [];
  /** Random templates compiled so far: each draws from a stream of its own. */
  private slots = 0;

  constructor(private readonly context: TemplateContext) {}

  /** A value (object, array, string, other) → its evaluation, or null when it holds no template. */
  node(value: unknown, at: readonly Segment[], textOnly: boolean): Evaluate | null {
    if (typeof value === 'string') return this.string(value, at, textOnly);
    if (Array.isArray(value)) return this.array(value, at, textOnly);
    if (isRecord(value)) return this.record(value, at, textOnly);
    return null;
  }

  private array(value: readonly unknown[], at: readonly Segment[], textOnly: boolean): Evaluate | null {
    const items = value.map((item, index) => this.node(item, [...at, index], textOnly));
    if (items.every((item) => item === null)) return null;
    return (scope) => {
      const out = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index++) {
        const item = items[index];
        // A template that evaluates to null or nothing sends that, never its own text.
        out[index] = item ? item(scope) : value[index];
      }
      return out;
    };
  }

  private record(value: Readonly<Record<string, unknown>>, at: readonly Segment[], textOnly: boolean): Evaluate | null {
    const keys = Object.keys(value);
    const items = keys.map((key) => this.node(value[key], [...at, key], textOnly));
    if (items.every((item) => item === null)) return null;
    return (scope) => {
      const out: Record<string, unknown> = {};
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index]!;
        const item = items[index];
        out[key] = item ? item(scope) : value[key];
      }
      return out;
    };
  }

  string(text: string, at: readonly Segment[], textOnly: boolean): Evaluate | null {
    if (!hasTemplate(text)) return null;
    const parsed = parseTemplateString(text);
    for (const problem of parsed.problems) this.problems.push({ segments: at, ...problem });
    // The well-formed templates beside a malformed one are still checked, so every mistake of a string shows at once.
    const parts = joinText(parsed.parts).map((part) => (typeof part === 'string' ? part : this.expression(part, at)));
    if (parsed.problems.length > 0) return null;
    const [only] = parts;
    if (parts.length === 1 && typeof only === 'string') return () => only;
    if (parts.length === 1 && typeof only === 'function') return textOnly ? (scope) => asText(only(scope)) : only;
    return (scope) => {
      let out = '';
      for (const part of parts) out += typeof part === 'string' ? part : part === null ? '' : asText(part(scope));
      return out;
    };
  }

  private expression(expression: Exclude<Expression, { kind: 'text' }>, at: readonly Segment[]): Evaluate | null {
    switch (expression.kind) {
      case 'seq':
        return (scope) => scope.seq;
      case 'shard':
      case 'worker':
        return (scope) => scope.shard.index;
      case 'shards':
        return (scope) => scope.shard.count;
      case 'uuid':
        return uuidOf(this.random());
      case 'int': {
        const { min } = expression;
        const span = expression.max - min + 1;
        const random = this.random();
        return (scope) => min + Math.floor(random(scope.seq) * span);
      }
      case 'pick': {
        const { items } = expression;
        const random = this.random();
        return (scope) => items[Math.floor(random(scope.seq) * items.length)];
      }
      case 'row':
        return this.checkColumn(expression.column, at) ? rowValue(expression.column) : null;
      case 'vars':
        return this.checkVar(expression.name, at) ? varValue(expression.name) : null;
    }
  }

  private random(): RandomAt {
    // Slot s of seed x draws from the stream of seed x + s·φ: slots are unrelated, and a slot's draw k is seq's.
    return seekableRandom((this.context.seed + Math.imul(++this.slots, 0x9e3779b1)) >>> 0, 'template');
  }

  private checkColumn(column: string, at: readonly Segment[]): boolean {
    const { columns } = this.context;
    if (columns === 'any' || columns?.includes(column)) return true;
    if (columns === null) {
      const hint = 'add data: { file: items.csv } to the workload (or the scenario) to give each call a row';
      this.problems.push({ segments: at, message: `{{row.${column}}} reads a data row, but this workload reads no data file`, hint });
      return false;
    }
    const hint = didYouMean(column, columns);
    const expected = `a column of the data file: ${listWords(columns)}`;
    this.problems.push({ segments: at, message: `the data file has no column "${column}"`, expected, got: `{{row.${column}}}`, ...(hint ? { hint } : {}) });
    return false;
  }

  private checkVar(name: string, at: readonly Segment[]): boolean {
    const { vars } = this.context;
    if (vars === null || vars.includes(name)) return true;
    const hint = vars.length === 0 ? 'vars are captured by earlier steps of a journey (capture:)' : didYouMean(name, vars);
    const expected = vars.length === 0 ? undefined : `a captured var: ${listWords(vars)}`;
    this.problems.push({ segments: at, message: `no var "${name}" is captured before this operation`, ...(expected ? { expected } : {}), got: `{{vars.${name}}}`, ...(hint ? { hint } : {}) });
    return false;
  }
}

/** Quoted texts (`{{"{{"}}`) are literal: merged with the text around them. */
function joinText(parts: readonly Part[]): (string | Exclude<Expression, { kind: 'text' }>)[] {
  const joined: (string | Exclude<Expression, { kind: 'text' }>)[] = [];
  for (const part of parts) {
    const text = typeof part === 'string' ? part : part.kind === 'text' ? part.text : null;
    const last = joined.length - 1;
    if (text === null) joined.push(part as Exclude<Expression, { kind: 'text' }>);
    else if (typeof joined[last] === 'string') joined[last] += text;
    else joined.push(text);
  }
  return joined;
}

const rowValue =
  (column: string): Evaluate =>
  (scope) =>
    scope.row?.[column] ?? null;

const varValue =
  (name: string): Evaluate =>
  (scope) =>
    scope.vars[name] ?? null;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A version-4 UUID from four draws of the slot's stream at 4·seq … 4·seq + 3. */
function uuidOf(random: RandomAt): Evaluate {
  return (scope) => {
    const k = scope.seq * 4;
    const words = [random(k), random(k + 1), random(k + 2), random(k + 3)].map((draw) => Math.floor(draw * 4294967296));
    const bytes = words.flatMap((word) => [word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255]);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((byte) => HEX[byte]).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
