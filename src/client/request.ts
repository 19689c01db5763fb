/** One MCP request shape the operation mix can send. */
export type McpRequest =
  | CompleteRequest
  | { readonly method: 'resources/subscribe' | 'resources/unsubscribe'; readonly uri: string }
  | ({ readonly method: 'tools/call'; readonly tool: string; readonly args: Readonly<Record<string, unknown>> } & AsksProgress)
  | ({ readonly method: 'resources/read'; readonly uri: string } & AsksProgress)
  | ({ readonly method: 'prompts/get'; readonly prompt: string; readonly args: Readonly<Record<string, string>> } & AsksProgress)
  | { readonly method: ListMethod };

/** `completion/complete`: values for one argument of a prompt, or for one variable of a resource template. */
export interface CompleteRequest {
  readonly method: 'completion/complete';
  readonly ref: { readonly type: 'ref/prompt'; readonly name: string } | { readonly type: 'ref/resource'; readonly uri: string };
  readonly argument: string;
  readonly value: string;
}

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
