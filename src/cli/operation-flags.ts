/**
 * The operation half of the quick-run flags: `--tool NAME [--args JSON] [--weight N]`, `--resource URI`,
 * `--prompt NAME [--args JSON]`, `--method M`, repeatable and read in the order given, into an `operations:` list as
 * a scenario writes it (operations/operation.ts). `--args` and `--weight` belong to the operation just before them.
 *
 * Commander keeps each repeatable option in a list of its own, which loses the order across flags; the options added
 * here also append every occurrence to `operationOrder` (one list, in command-line order), which is what is read.
 */
import type { Command } from 'commander';
import { Option } from 'commander';

export const OPERATION_FLAG_NAMES = ['tool', 'args', 'resource', 'prompt', 'method', 'weight'] as const;
export type OperationFlagName = (typeof OPERATION_FLAG_NAMES)[number];

/** One occurrence of an operation flag, as written. */
export interface OperationFlag {
  readonly flag: OperationFlagName;
  readonly value: string;
}

/** The option value that holds every operation flag in command-line order. */
export const OPERATION_ORDER_KEY = 'operationOrder';

export type WrittenOperation = Readonly<Record<string, unknown>>;
export type OperationsResult = { readonly ok: true; readonly value: WrittenOperation[] | null } | { readonly ok: false; readonly problems: string[] };

const HELP: Readonly<Record<OperationFlagName, string>> = {
  tool: 'call this tool (repeatable: a mix, in order)',
  args: "arguments of the --tool or --prompt just before it, as a JSON object, e.g. '{\"q\":\"x\"}'",
  resource: 'read this resource URI (repeatable)',
  prompt: 'get this prompt (repeatable; --args after it)',
  method: 'send this request: ping, tools/list, resources/list, prompts/list, … (repeatable)',
  weight: 'weight of the operation just before it in the mix (default 1), e.g. --tool a --weight 3 --tool b',
};

const VALUE_NAME: Readonly<Record<OperationFlagName, string>> = {
  tool: 'name',
  args: 'json',
  resource: 'uri',
  prompt: 'name',
  method: 'method',
  weight: 'n',
};

/** Adds the six operation options; each occurrence is also appended to `operationOrder`. */
export function addOrderedOperationOptions(command: Command): Command {
  for (const flag of OPERATION_FLAG_NAMES) {
    const parse = (value: string, previous: string[] = []): string[] => {
      const order = (command.getOptionValue(OPERATION_ORDER_KEY) as OperationFlag[] | undefined) ?? [];
      command.setOptionValue(OPERATION_ORDER_KEY, [...order, { flag, value }]);
      return [...previous, value];
    };
    command.addOption(new Option(`--${flag} <${VALUE_NAME[flag]}>`, HELP[flag]).argParser(parse));
  }
  return command;
}

type Lists = Partial<Record<OperationFlagName, readonly string[]>>;

/**
 * The flags in command-line order: `operationOrder` when the options above parsed them; else (a caller that built
 * the lists itself) the lists, which only fit one order when there is one operation — several with `--args` or
 * `--weight` cannot be paired and are a problem.
 */
export function orderOf(lists: Lists, order: readonly OperationFlag[] | undefined): readonly OperationFlag[] | string {
  if (order !== undefined) return order;
  const kinds = ['tool', 'resource', 'prompt', 'method'] as const;
  const operations = kinds.flatMap((flag) => (lists[flag] ?? []).map((value) => ({ flag, value })));
  const attached = (['args', 'weight'] as const).flatMap((flag) => (lists[flag] ?? []).map((value) => ({ flag, value })));
  if (attached.length > 0 && operations.length > 1) {
    return 'with several operations, --args and --weight need the order the flags were given in (operationOrder)';
  }
  return [...operations, ...attached];
}

interface Building {
  readonly entry: Record<string, unknown>;
  /** `--tool search`, for problems about what follows it. */
  readonly label: string;
}

/** The operations the ordered flags give (null: none), or every problem with them. */
export function operationsOf(order: readonly OperationFlag[]): OperationsResult {
  const built: Building[] = [];
  const problems: string[] = [];
  const seen = new Map<OperationFlagName, number>();
  for (const { flag, value } of order) {
    const nth = (seen.get(flag) ?? 0) + 1;
    seen.set(flag, nth);
    const which = `the ${ordinal(nth)} --${flag}`;
    if (flag === 'args' || flag === 'weight') {
      const problem = attach(built.at(-1), flag, value, which);
      if (problem) problems.push(problem);
      continue;
    }
    const name = value.trim();
    if (name === '') problems.push(`--${flag} expects ${flag === 'resource' ? 'a resource URI' : `a ${flag} name`}; ${which} is empty`);
    built.push({ entry: { [flag]: name }, label: `--${flag} ${name}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: built.length === 0 ? null : built.map((b) => b.entry) };
}

/** `--args` or `--weight` onto the operation before it; a problem, or undefined. */
function attach(target: Building | undefined, flag: 'args' | 'weight', value: string, which: string): string | undefined {
  if (target === undefined) {
    return `${which} comes before any operation (hint: --${flag} belongs to the --tool${flag === 'weight' ? ', --resource, --prompt or --method' : ' or --prompt'} just before it, e.g. --tool search ${flag === 'args' ? `--args '{"q":"x"}'` : '--weight 3'})`;
  }
  if (target.entry[flag] !== undefined) return `${target.label} has two --${flag}; give one after each operation`;
  if (flag === 'weight') {
    const weight = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(weight) || weight <= 0) {
      return `--weight expects a number greater than 0, like 1 or 2.5; ${which} (after ${target.label}) is ${JSON.stringify(value)}`;
    }
    target.entry.weight = weight;
    return undefined;
  }
  if (target.entry.tool === undefined && target.entry.prompt === undefined) {
    return `--args gives the arguments of a --tool or --prompt; ${which} follows ${target.label}, which takes none`;
  }
  const parsed = parseArgs(value, which, target.label);
  if (typeof parsed === 'string') return parsed;
  target.entry.args = parsed;
  return undefined;
}

/** A JSON object, or a problem naming the flag, its place, the JSON error and a hint. */
function parseArgs(text: string, which: string, label: string): Record<string, unknown> | string {
  const hint = `hint: a JSON object in single quotes for the shell, e.g. ${label} --args '{"q":"x"}'`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `--args expects a JSON object; ${which} (after ${label}) is not valid JSON: ${(error as Error).message} (${hint})`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  return `--args expects a JSON object; ${which} (after ${label}) is ${got} (${hint})`;
}

/** `1st`, `2nd`, … for a 1-based count. */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
