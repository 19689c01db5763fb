/** One MCP request shape the operation mix can send. */
export type McpRequest =
  | { readonly method: 'tools/call'; readonly tool: string; readonly args: Readonly<Record<string, unknown>> }
  | { readonly method: 'resources/read'; readonly uri: string }
  | { readonly method: 'prompts/get'; readonly prompt: string; readonly args: Readonly<Record<string, string>> }
  | { readonly method: ListMethod };

export const LIST_METHODS = [
  'ping',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
] as const;
export type ListMethod = (typeof LIST_METHODS)[number];
