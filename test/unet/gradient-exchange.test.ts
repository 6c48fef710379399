import { describe, expect, it } from 'vitest';
import { createGradientExchange, ExchangeMember } from '../../src/unet/gradient-exchange';

/** Creates the members of one exchange, one per worker, all in this thread. */
function members(threads: number, total: number, regionLength = total, timeoutMs?: number) {
  const exchange = createGradientExchange(threads, regionLength);
  return Array.from({ length: threads }, (_, i) => new ExchangeMember(exchange, i, total, timeoutMs));
}

describe('ExchangeMember', () => {
  it('splits the weights into disjoint shards that cover them', () => {
    for (const threads of [1, 2, 3, 5]) {
      for (const total of [0, 1, 4, 731_534]) {
        const shards = members(threads, total).map((m) => m.shard);
        expect(shards[0]?.start).toBe(0);
        expect(shards.at(-1)?.end).toBe(total);
        shards.slice(1).forEach((shard, i) => expect(shard.start).toBe(shards[i]?.end));
        for (const { start, end } of shards)
          expect(end - start).toBeLessThanOrEqual(Math.ceil(total / threads));
      }
    }
  });

  it("sums the regions' gradients with their factors over each shard", () => {
    const [a, b, c] = members(3, 7, 9);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three members expected');
    a.region.set([1, 2, 3, 4, 5, 6, 7]);
    b.region.set([10, 20, 30, 40, 50, 60, 70]);
    c.region.set([100, 100, 100, 100, 100, 100, 100]);
    a.publishGradients(1);
    b.publishGradients(1);
    // Two shares only: c's region is left out even though it contains values.
    const sums = [a, b, c].map((m) => Array.from(m.sumShard(1, [0.75, 0.25])));
    expect(sums.flat()).toEqual([1, 2, 3, 4, 5, 6, 7].map((x) => 0.75 * x + 0.25 * 10 * x));
    expect(a.shard).toEqual({ start: 0, end: 2 });
    expect(c.shard).toEqual({ start: 5, end: 7 });
  });

  it('refuses gradients from another step', () => {
    const [a, b] = members(2, 4);
    a?.publishGradients(3);
    b?.publishGradients(2);
    expect(() => a?.sumShard(3, [0.5, 0.5])).toThrow(
      "ExchangeMember: worker 1's gradients are from step 2, not step 3",
    );
    expect(() => a?.sumShard(3, [])).toThrow('ExchangeMember: factors: expected 1 to 2 values but got 0');
  });

  it('awaitShards: done, failed, timed out', () => {
    const [a, b] = members(2, 4, 4, 30);
    if (a === undefined || b === undefined) throw new Error('two members expected');
    a.publishShard(1);
    b.publishShard(1);
    expect(() => a.awaitShards(1)).not.toThrow();
    a.publishShard(2);
    b.publishShard(2, false);
    expect(() => a.awaitShards(2)).toThrow('ExchangeMember: worker 1 failed to apply step 2');
    a.publishShard(3);
    const start = Date.now();
    expect(() => a.awaitShards(3)).toThrow(
      'ExchangeMember: timed out after 30 ms waiting for worker 1 to apply step 3 (its shard is at step -2)',
    );
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  });

  it('rejects small exchange, bad index', () => {
    const exchange = createGradientExchange(2, 10);
    expect(() => new ExchangeMember(exchange, 0, 11)).toThrow(
      'ExchangeMember: exchange too small: regions of 10 values for 2 workers, but the model has 11 trainable weights',
    );
    expect(() => new ExchangeMember(exchange, 2, 10)).toThrow(
      'ExchangeMember: index: expected an integer in [0, 1] but got 2',
    );
    expect(() => createGradientExchange(0, 10)).toThrow(
      'createGradientExchange: threads: expected an integer ≥ 1 but got 0',
    );
  });
});
