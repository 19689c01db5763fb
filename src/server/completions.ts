/**
 * What the reference server suggests for `completion/complete`: names for the `greeting` prompt's `name` argument and
 * ids for the `bench://items/{id}` template's `id` variable, those starting with what was typed (case-insensitive for
 * names), in a fixed order, so a benchmark can check the values it gets. The SDK's McpServer answers the request
 * (declaring `completions`) once a prompt argument is `completable` or a template has a `complete` callback.
 */

/** The names `greeting.name` completes from. */
export const GREETING_NAMES: readonly string[] = ['Alan', 'Albert', 'Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Mallory', 'Trent', 'Walter'];

/** Item ids `bench://items/{id}` completes from: 1 … 100 (MCP answers at most 100 values). */
export const ITEM_IDS: readonly string[] = Array.from({ length: 100 }, (_unused, i) => String(i + 1));

export function completeGreetingName(typed: string): string[] {
  const prefix = typed.toLowerCase();
  return GREETING_NAMES.filter((name) => name.toLowerCase().startsWith(prefix));
}

export function completeItemId(typed: string): string[] {
  return ITEM_IDS.filter((id) => id.startsWith(typed));
}
