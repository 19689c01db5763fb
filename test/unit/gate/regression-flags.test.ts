import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMaxRegression } from '../../../src/gate/regression-flags.js';

function messages(text: string): readonly string[] {
  const result = parseMaxRegression(text);
  assert.equal(result.ok, false, `${text} should be refused`);
  return result.ok ? [] : result.messages;
}

function only(text: string): string {
  const all = messages(text);
  assert.equal(all.length, 1, all.join('\n'));
  return all[0]!;
}

describe('--max-regression', () => {
  it('reads percentages and fractions into allowances, in the order written', () => {
    assert.deepEqual(parseMaxRegression('p99=10%,throughput=5%,error_rate=1%'), {
      ok: true,
      tolerances: [
        { metric: 'p99', allowed: 0.1 },
        { metric: 'throughput', allowed: 0.05 },
        { metric: 'error_rate', allowed: 0.01 },
      ],
    });
    assert.deepEqual(parseMaxRegression(' p50 = 0.2 , p99.9=12.5% , mean=0%'), {
      ok: true,
      tolerances: [
        { metric: 'p50', allowed: 0.2 },
        { metric: 'p99.9', allowed: 0.125 },
        { metric: 'mean', allowed: 0 },
      ],
    });
    assert.deepEqual(parseMaxRegression('p90=150%,p95=.05'), { ok: true, tolerances: [{ metric: 'p90', allowed: 1.5 }, { metric: 'p95', allowed: 0.05 }] });
  });

  it('refuses max with the hint to use p99.9', () => {
    assert.equal(only('p99=10%,max=20%'), '--max-regression "p99=10%,max=20%": "max": max has no confidence interval; use p99.9');
  });

  it('suggests the metric meant for a misspelt or foreign name', () => {
    assert.match(only('pp99=10%'), /unknown metric "pp99"; did you mean "p99"\?/);
    assert.match(only('p999=10%'), /did you mean "p99\.9"\?/);
    assert.match(only('througput=5%'), /did you mean "throughput"\?/);
    assert.match(only('error-rate=1%'), /did you mean "error_rate"\?/);
    assert.match(only('rps=5%'), /did you mean "throughput"\?/);
    assert.match(only('avg=5%'), /did you mean "mean"\?/);
    assert.match(only('banana=5%'), /unknown metric "banana" \(regression metrics: p50, p90, p95, p99, p99\.9, mean, throughput or error_rate\)/);
  });

  it('says which threshold metrics are not regression checks', () => {
    assert.match(only('cache_hit_ratio=5%'), /"cache_hit_ratio" can be a threshold \(--threshold\) but not a regression check/);
  });

  it('quotes the offending part of a bad allowance', () => {
    assert.match(only('p99=ten%'), /"p99=ten%": the allowance "ten%" is not a number/);
    assert.match(only('p99=-5%'), /"p99=-5%": the allowance "-5%" is negative/);
    assert.match(only('p99='), /"p99=": the allowance is missing/);
    assert.match(only('p99=10ms'), /"p99=10ms": the allowance "10ms" is not a number/);
  });

  it('refuses a bare number of 1 or more: p99=10 is a forgotten % far more often than "10× slower is fine"', () => {
    assert.match(only('p99=10'), /"p99=10": a bare number is a fraction \(0\.1 = 10%\); write 10% if you meant percent, or 1000% for 10×/);
  });

  it('caps throughput and error_rate at 100%', () => {
    assert.match(only('throughput=150%'), /throughput can be at most 100% lower; got 150%/);
    assert.match(only('error_rate=101%'), /error_rate can be at most 100% points higher/);
  });

  it('refuses a metric given twice, quoting both', () => {
    assert.equal(only('p99=10%,p99=20%'), '--max-regression "p99=10%,p99=20%": p99 is given twice ("p99=10%" and "p99=20%"); keep one');
  });

  it('refuses empty text, a stray comma and a part without "="', () => {
    assert.match(only(''), /expected metric=allowance pairs separated by commas, like p99=10%,throughput=5%/);
    assert.match(only('p99=10%,'), /an empty entry \(a stray comma\?\)/);
    assert.match(only('p99'), /"p99" is not metric=allowance/);
    assert.match(only('=10%'), /an allowance without a metric/);
  });

  it('reports every problem at once', () => {
    const all = messages('p9=10%,max=5%,p99=x,throughput=5%');
    assert.equal(all.length, 3);
    assert.ok(all.every((m) => m.startsWith('--max-regression "p9=10%,max=5%,p99=x,throughput=5%": ')));
  });
});
