import type { GradientsReply } from './worker-protocol';

export function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

export function isFloat32Arrays(value: unknown): value is Float32Array[] {
  return Array.isArray(value) && value.every((item) => item instanceof Float32Array);
}

export function isGradientsReply(value: unknown): value is GradientsReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    'loss' in value &&
    isNumber(value.loss) &&
    'nonTrainable' in value &&
    isFloat32Arrays(value.nonTrainable)
  );
}

/** Returns a worker's reply when `guard` accepts it, or throws. */
export function expectReply<T>(value: unknown, guard: (v: unknown) => v is T, what: string): T {
  if (!guard(value)) throw new TypeError(`createWorkerExecutor: expected ${what} from a worker`);
  return value;
}

/** Σ_i factor_i · arrays_i, element by element. */
export function weightedSum(parts: Float32Array[][], factors: number[]): Float32Array[] {
  const first = parts[0] ?? [];
  return first.map((array, k) => {
    const sum = new Float32Array(array.length);
    parts.forEach((arrays, i) => {
      const values = arrays[k] ?? new Float32Array(array.length);
      const factor = factors[i] ?? 0;
      for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] ?? 0) + factor * (values[j] ?? 0);
    });
    return sum;
  });
}
