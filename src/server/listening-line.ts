/**
 * The one line `mcp-bench serve --transport http` prints on stdout once listening. Spawners find the Streamable
 * HTTP URL with `STREAMABLE_URL_PATTERN` (first capture group); keep both stable. A file of its own, so a spawner
 * reads the line without loading the server.
 */
export function formatListeningLine(url: string, sseUrl: string): string {
  return `mcp-bench reference server: Streamable HTTP at ${url}, legacy SSE at ${sseUrl}`;
}

export const STREAMABLE_URL_PATTERN = /Streamable HTTP at (\S+?),/;
