import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FLOOR_MEANING, renderFloorTable } from '../../../src/report/floor-table.js';

const inMemory = { calls: 35_269, p50Us: 15, p99Us: 111, callsPerSec: 42_810 };
const stdio = { calls: 13_586, p50Us: 56, p99Us: 1_650, callsPerSec: 18_792 };

describe('renderFloorTable', () => {
  it('one row per floor: calls, p50, p99 and calls/s at the concurrency used, then what a floor means', () => {
    const text = renderFloorTable({ inMemory, stdio }, 16, { color: false });
    assert.match(text, /calls\/s \(16 in flight\)/);
    assert.match(text, /│ in-process \(SDK in-memory transport\) │ +35,269 │ +15µs │ +111µs │ +42,810 │/);
    assert.match(text, /│ stdio \(mcp-bench serve\) +│ +13,586 │ +56µs │ +1\.65ms │ +18,792 │/);
    assert.ok(text.includes(FLOOR_MEANING));
  });

  it('leaves the stdio row out when only the in-memory floor was measured', () => {
    const text = renderFloorTable({ inMemory }, 16, { color: false });
    assert.equal(text.includes('stdio'), false);
    assert.match(text, /in-process/);
  });
});
