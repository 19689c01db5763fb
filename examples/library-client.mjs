// The reliability/caching client as a library. Run after `npm install` (which builds dist/):
//   node examples/library-client.mjs
// It starts the reference server on 127.0.0.1 (5 ms latency, 20% of tool calls failing), then calls it through a
// client with retries and a cache, and prints what each layer did.
import { createClient, startHttpServer } from 'mcp-bench';

const server = await startHttpServer({ host: '127.0.0.1', port: 0, latencyUs: 5_000, jitterUs: 0, failRate: 0.2, seed: 7 });

const client = await createClient({
  target: { http: { url: server.url } },
  timeout: '2s', // per attempt
  retry: { attempts: 3, backoff: 'exponential', base: '10ms', on: ['tool-error', 'timeout', 'transport', 'unavailable'] },
  cache: { ttl: '1m', tools: ['echo'] }, // echo is annotated read-only by the server, so it may be cached
});
client.on('retry', (event) => console.log(`  retry: attempt ${event.attempt} in ${Math.round(event.delayUs / 1000)} ms after ${event.cause}`));

for (const city of ['Paris', 'Oslo', 'Paris', 'Lima', 'Paris']) {
  const started = performance.now();
  const result = await client.callTool('echo', { message: city });
  const text = result.content?.[0]?.type === 'text' ? result.content[0].text : '';
  console.log(`echo ${city} → ${text}${result.isError ? ' (tool error)' : ''} in ${(performance.now() - started).toFixed(2)} ms`);
}

const stats = client.stats();
console.log(`calls: ${stats.calls}, outcomes: ${JSON.stringify(stats.outcomes)}`);
console.log(`cache: ${JSON.stringify(stats.layers.cache)}`);
console.log(`retry: ${JSON.stringify(stats.layers.retry)}`);
await client.close();
await server.close();
