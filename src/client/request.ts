/** One MCP request shape the operation mix can send. */
export type McpRequest =
  | ({ readonly method: 'tools/call'; readonly tool: string; readonly args: Readonly<Record<string, unknown>> } & AsksProgress)
  | ({ readonly method: 'resources/read'; readonly uri: string } & AsksProgress)
  | ({ readonly method: 'prompts/get'; readonly prompt: string; readonly args: Readonly<Record<string, string>> } & AsksProgress)
  | { readonly method: ListMethod };

export const LIST_METHODS = [
  'ping',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
] as const;
export type ListMethod = (typeof LIST_METHODS)[number];

/** The requests that may carry a progress token; `progress: true` sends one (operation `progress: true`). */
export interface AsksProgress {
  readonly progress?: true;
}
export const PROGRESS_METHODS = ['tools/call', 'resources/read', 'prompts/get'] as const;
