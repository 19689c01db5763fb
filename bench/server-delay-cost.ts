// The reference server's latency knob: how precise it is, and what CPU it burns (it shares the machine with the client).
// node --import tsx bench/server-delay-cost.ts 1ms
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', import.meta.resolve('tsx'), new URL('../src/cli/main.ts', import.meta.url).pathname, 'serve', '--latency', process.argv[2] ?? '1ms'], stderr: 'ignore' });
const client = new Client({ name: 'p', version: '0' });
await client.connect(transport);
const cpu = () => { const f = readFileSync(`/proc/${transport.pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
for (let i = 0; i < 200; i++) await client.callTool({ name: 'echo', arguments: { message: 'x' } });
const c0 = cpu(); const t0 = performance.now(); const lat: number[] = [];
for (let i = 0; i < 2000; i++) { const s = performance.now(); await client.callTool({ name: 'echo', arguments: { message: 'x' } }); lat.push(performance.now() - s); }
const wall = performance.now() - t0; const used = cpu() - c0;
lat.sort((a, b) => a - b);
console.log(`latency ${process.argv[2]}: p50 ${lat[1000]!.toFixed(3)}ms p99 ${lat[1980]!.toFixed(3)}ms; server CPU ${(used / wall * 100).toFixed(0)}% of a core`);
await client.close();
