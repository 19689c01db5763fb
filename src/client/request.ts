/** One MCP request shape the operation mix can send. */
export type McpRequest =
  | { readonly method: 'tools/call'; readonly tool: string; readonly args: Readonly<Record<string, unknown>> }
  | { readonly method: 'resources/read'; readonly uri: string }
  | { readonly method: 'prompts/get'; readonly prompt: string; readonly args: Readonly<Record<string, string>> }
  | CompleteRequest
  | { readonly method: 'resources/subscribe' | 'resources/unsubscribe'; readonly uri: string }
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
