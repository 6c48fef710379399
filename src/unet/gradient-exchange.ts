/**
 * Shared memory through which the workers of the worker executor combine their gradients and share the
 * Adam update, without copies through the main thread.
 *
 * Every step: worker i writes the gradients of its share of the batch to its region and stamps the region
 * with the step number. Each worker then sums all regions over its own shard of the weights, a contiguous
 * 1/threads of them, and applies Adam to that shard of the shared weight vector. It stamps the shard and
 * waits until every shard carries the step's stamp. Then all workers copy the whole weight vector into
 * their variables. Each weight is thus updated once, by one worker, and every replica ends the step with
 * the same weights. The main thread starts the next step only after every worker has finished this one,
 * so no region or shard is overwritten while another worker reads it.
 */

/** The shared buffers, as the main thread creates them and posts them to every worker. */
export interface GradientExchange {
  /** One region of `regionLength` float32 values per worker: its share's gradients. */
  gradients: SharedArrayBuffer;
  /** `regionLength` float32 values: the trainable weights, one after the other. */
  weights: SharedArrayBuffer;
  /**
   * 2 × threads int32 values: the step of the gradients in each region, then the step of the update in
   * each shard (minus the step when the worker failed to apply it).
   */
  stamps: SharedArrayBuffer;
  /** Float32 values per region; at least the number of trainable weights. */
  regionLength: number;
}

/** Creates the exchange for `threads` workers and up to `regionLength` trainable weights. */
export function createGradientExchange(threads: number, regionLength: number): GradientExchange {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`createGradientExchange: threads: expected an integer ≥ 1 but got ${threads}`);
  }
  if (!Number.isInteger(regionLength) || regionLength < 0) {
    throw new RangeError(
      `createGradientExchange: regionLength: expected an integer ≥ 0 but got ${regionLength}`,
    );
  }
  const floats = Float32Array.BYTES_PER_ELEMENT;
  return {
    gradients: new SharedArrayBuffer(threads * regionLength * floats),
    weights: new SharedArrayBuffer(regionLength * floats),
    stamps: new SharedArrayBuffer(2 * threads * Int32Array.BYTES_PER_ELEMENT),
    regionLength,
  };
}

/** Default time a worker waits for the others' shards before it gives up, in ms. */
export const DEFAULT_EXCHANGE_TIMEOUT_MS = 60_000;

/** One worker's view of the exchange. */
export class ExchangeMember {
  readonly threads: number;
  /** This worker's gradient region, `total` values. */
  readonly region: Float32Array;
  /** The shared trainable weights, `total` values. */
  readonly weights: Float32Array;
  /** This worker's shard of the weights, [start, end). */
  readonly shard: { start: number; end: number };
  private readonly regions: Float32Array[];
  private readonly gradientStamps: Int32Array;
  private readonly shardStamps: Int32Array;
  /** The summed gradient of this worker's shard. */
  private readonly shardGradient: Float32Array;

  /**
   * @param exchange - The buffers of `createGradientExchange`.
   * @param index - This worker, 0 … threads − 1.
   * @param total - Number of trainable weights of the model.
   * @param timeoutMs - How long `awaitShards` waits for the other workers.
   * @throws RangeError when the buffers are too small for `total` weights or `index` is out of range.
   */
  constructor(
    exchange: GradientExchange,
    readonly index: number,
    readonly total: number,
    private readonly timeoutMs = DEFAULT_EXCHANGE_TIMEOUT_MS,
  ) {
    const { gradients, weights, stamps, regionLength } = exchange;
    const floats = Float32Array.BYTES_PER_ELEMENT;
    this.threads = stamps.byteLength / (2 * Int32Array.BYTES_PER_ELEMENT);
    if (!Number.isInteger(this.threads) || this.threads < 1) {
      throw new RangeError(
        `ExchangeMember: stamps: expected 2 int32 per worker but got ${stamps.byteLength} bytes`,
      );
    }
    if (
      total > regionLength ||
      gradients.byteLength < this.threads * regionLength * floats ||
      weights.byteLength < total * floats
    ) {
      throw new RangeError(
        `ExchangeMember: exchange too small: regions of ${regionLength} values for ${this.threads} workers, ` +
          `but the model has ${total} trainable weights`,
      );
    }
    if (!Number.isInteger(index) || index < 0 || index >= this.threads) {
      throw new RangeError(
        `ExchangeMember: index: expected an integer in [0, ${this.threads - 1}] but got ${index}`,
      );
    }
    this.regions = Array.from(
      { length: this.threads },
      (_, i) => new Float32Array(gradients, i * regionLength * floats, total),
    );
    this.region = this.regions[index] ?? new Float32Array(total);
    this.weights = new Float32Array(weights, 0, total);
    const all = new Int32Array(stamps);
    this.gradientStamps = all.subarray(0, this.threads);
    this.shardStamps = all.subarray(this.threads);
    const start = Math.round((index * total) / this.threads);
    const end = Math.round(((index + 1) * total) / this.threads);
    this.shard = { start, end };
    this.shardGradient = new Float32Array(end - start);
  }

  /** This worker's shard of the shared weights, a view that Adam updates in place. */
  shardWeights(): Float32Array {
    return this.weights.subarray(this.shard.start, this.shard.end);
  }

  /** Marks this worker's region as holding the gradients of `step`; call after writing `region`. */
  publishGradients(step: number): void {
    // A worker that reads this stamp with Atomics.load also reads the values written before it.
    Atomics.store(this.gradientStamps, this.index, step);
  }

  /**
   * Returns Σ_i factors[i] · region i over this worker's shard, from regions 0 … factors.length − 1.
   *
   * @throws RangeError for an empty or too long `factors`; Error when a region is not from `step`.
   */
  sumShard(step: number, factors: readonly number[]): Float32Array {
    if (factors.length < 1 || factors.length > this.threads) {
      throw new RangeError(
        `ExchangeMember: factors: expected 1 to ${this.threads} values but got ${factors.length}`,
      );
    }
    const { start, end } = this.shard;
    const sum = this.shardGradient;
    factors.forEach((factor, i) => {
      const stamp = Atomics.load(this.gradientStamps, i);
      if (stamp !== step) {
        throw new Error(`ExchangeMember: worker ${i}'s gradients are from step ${stamp}, not step ${step}`);
      }
      const region = (this.regions[i] ?? this.region).subarray(start, end);
      if (i === 0) for (let j = 0; j < sum.length; j++) sum[j] = factor * (region[j] as number);
      else for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] as number) + factor * (region[j] as number);
    });
    return sum;
  }

  /** Marks this worker's shard as updated for `step`, or as failed, and wakes the waiting workers. */
  publishShard(step: number, ok = true): void {
    Atomics.store(this.shardStamps, this.index, ok ? step : -step);
    Atomics.notify(this.shardStamps, this.index);
  }

  /**
   * Waits until every worker's shard contains the update of `step`.
   *
   * @throws Error when a worker failed to apply the step, or after `timeoutMs` without its shard.
   */
  awaitShards(step: number): void {
    const deadline = Date.now() + this.timeoutMs;
    for (let i = 0; i < this.threads; i++) {
      let stamp = Atomics.load(this.shardStamps, i);
      while (stamp !== step) {
        if (stamp === -step) throw new Error(`ExchangeMember: worker ${i} failed to apply step ${step}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0 || Atomics.wait(this.shardStamps, i, stamp, remaining) === 'timed-out') {
          throw new Error(
            `ExchangeMember: timed out after ${this.timeoutMs} ms waiting for worker ${i} to apply step ${step} (its shard is at step ${Atomics.load(this.shardStamps, i)})`,
          );
        }
        stamp = Atomics.load(this.shardStamps, i);
      }
    }
  }
}
