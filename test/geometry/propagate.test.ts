import { describe, expect, it } from 'vitest';
import {
  GEV_PER_TESLA_METRE,
  ILD_DETECTOR,
  IMPACT_REGION,
  propagateToCalorimeter,
} from '../../src/geometry/index.js';
import { wrapDeltaPhi } from '../../src/particles/index.js';

const detector = ILD_DETECTOR;

/** Expected |Δφ| between the momentum and the barrel impact: asin(r_B / 2R) with R = pT / (0.3 |q| B). */
function barrelBend(pT: number, charge: number, field: number): number {
  const radius = pT / (GEV_PER_TESLA_METRE * Math.abs(charge * field));
  return Math.asin(detector.barrelRadius / (2 * radius));
}

describe('propagateToCalorimeter', () => {
  it('sends a neutral where it points', () => {
    for (const [px, py, pz] of [
      [3, 4, 1],
      [-2, 0.5, -6],
      [0.1, -0.2, 30],
      [-1, -0, 0],
    ] as const) {
      const impact = propagateToCalorimeter(px, py, pz, 0, detector);
      expect(impact.theta).toBeCloseTo(Math.atan2(Math.hypot(px, py), pz), 14);
      expect(wrapDeltaPhi(impact.phi - Math.atan2(py, px))).toBeCloseTo(0, 14);
      expect(impact.phi).toBeGreaterThanOrEqual(-Math.PI);
      expect(impact.phi).toBeLessThan(Math.PI);
    }
  });

  it('bends positive tracks to smaller φ', () => {
    const phi0 = 0.4;
    const impact = propagateToCalorimeter(10 * Math.cos(phi0), 10 * Math.sin(phi0), 0, 1, detector);
    expect(impact.region).toBe(IMPACT_REGION.barrel);
    expect(impact.phi - phi0).toBeCloseTo(-barrelBend(10, 1, 3.5), 12);
    expect(impact.theta).toBeCloseTo(Math.PI / 2, 12);
  });

  it('bend sign follows charge times field', () => {
    const cases: [number, number, number][] = [
      [1, 3.5, -1],
      [-1, 3.5, 1],
      [1, -3.5, 1],
      [-1, -3.5, -1],
    ];
    for (const [charge, field, sign] of cases) {
      const impact = propagateToCalorimeter(5, 0, 1, charge, { ...detector, magneticField: field });
      expect(Math.sign(impact.phi)).toBe(sign);
      expect(Math.abs(impact.phi)).toBeCloseTo(barrelBend(5, charge, field), 12);
    }
  });

  it('bend shrinks as 1/pT', () => {
    const bends = [2, 4, 8, 16, 32, 64].map((pT) => -propagateToCalorimeter(pT, 0, 0, 1, detector).phi);
    for (let k = 1; k < bends.length; k++) {
      const ratio = (bends[k - 1] as number) / (bends[k] as number);
      expect(ratio).toBeGreaterThan(2);
      expect(ratio).toBeLessThan(2.1);
    }
    // Large pT: bend ≈ 0.3·B·r_B / (2 pT), the small-angle limit.
    expect(bends[5]).toBeCloseTo((GEV_PER_TESLA_METRE * 3.5 * detector.barrelRadius) / (2 * 64), 5);
  });

  it('doubles the bend for charge two', () => {
    const single = propagateToCalorimeter(20, 0, 0, 1, detector).phi;
    const double = propagateToCalorimeter(20, 0, 0, 2, detector).phi;
    expect(double).toBeCloseTo(-barrelBend(20, 2, 3.5), 12);
    expect(double / single).toBeGreaterThan(2);
    expect(double / single).toBeLessThan(2.01);
  });

  it('keeps θ on a straight z path', () => {
    // z grows linearly with the arc length, so the barrel impact has z = (pz/pT)·R·ψ.
    const pT = 3;
    const pz = 2;
    const impact = propagateToCalorimeter(pT, 0, pz, -1, detector);
    const radius = pT / (GEV_PER_TESLA_METRE * 3.5);
    const psi = 2 * Math.asin(detector.barrelRadius / (2 * radius));
    expect(impact.theta).toBeCloseTo(Math.atan2(detector.barrelRadius, (pz / pT) * radius * psi), 12);
  });

  it('hits the endcap beyond the barrel', () => {
    const impact = propagateToCalorimeter(2, 1, 20, 1, detector);
    expect(impact.region).toBe(IMPACT_REGION.endcap);
    const backward = propagateToCalorimeter(2, 1, -20, 1, detector);
    expect(backward.region).toBe(IMPACT_REGION.endcap);
    expect(backward.theta).toBeCloseTo(Math.PI - impact.theta, 12);
    expect(backward.phi).toBeCloseTo(impact.phi, 12);
  });

  it('flags soft central tracks as loopers', () => {
    // pT = 0.5 GeV: 2R = 0.95 m < 1.805 m, and with small pz the endcap is more than one turn away.
    const impact = propagateToCalorimeter(0.5, 0, 0.1, 1, detector);
    expect(impact.region).toBe(IMPACT_REGION.looper);
    expect(impact.theta).toBeNaN();
    expect(impact.phi).toBeNaN();
    expect(propagateToCalorimeter(0.5, 0, 0, 1, detector).region).toBe(IMPACT_REGION.looper);
  });

  it('lets soft forward tracks reach the endcap', () => {
    const impact = propagateToCalorimeter(0.5, 0, 5, 1, detector);
    expect(impact.region).toBe(IMPACT_REGION.endcap);
    const radius = 0.5 / (GEV_PER_TESLA_METRE * 3.5);
    const psi = (detector.endcapZ * 0.5) / (5 * radius);
    expect(impact.theta).toBeCloseTo(Math.atan2(2 * radius * Math.sin(psi / 2), detector.endcapZ), 12);
    expect(impact.phi).toBeCloseTo(-psi / 2, 12);
  });

  it('is continuous across barrel and endcap', () => {
    // Scan θ across the barrel corner at fixed pT; the impact angles change smoothly, except for the small
    // step that the gap between the barrel end (|z| = 2.35 m) and the endcap face (|z| = 2.412 m) causes.
    for (const charge of [0, 1]) {
      const pT = 10;
      // Bisect in pz for the boundary, which a charged track reaches at a slightly larger pz than a neutral.
      let central = 0;
      let forward = 100;
      for (let step = 0; step < 80; step++) {
        const middle = (central + forward) / 2;
        const region = propagateToCalorimeter(pT, 0, middle, charge, detector).region;
        if (region === IMPACT_REGION.barrel) central = middle;
        else forward = middle;
      }
      const before = propagateToCalorimeter(pT, 0, central, charge, detector);
      const after = propagateToCalorimeter(pT, 0, forward, charge, detector);
      expect(before.region).toBe(IMPACT_REGION.barrel);
      expect(after.region).toBe(IMPACT_REGION.endcap);
      expect(Math.abs(after.theta - before.theta)).toBeLessThan(1e-3);
      const bend = Math.abs(before.phi);
      // Relative step of the bend ≲ (2.412 / 2.35 − 1) ≈ 2.7 %, the ratio of the two surfaces' z.
      expect(Math.abs(after.phi - before.phi)).toBeLessThanOrEqual(0.03 * bend + 1e-12);
    }
  });
});

/**
 * Integrates dr/ds = p̂, dp/ds = 0.299792458·q·(p̂ × B) with fourth-order Runge–Kutta in steps of 1 mm until
 * the particle crosses the barrel face or an endcap disc; returns the crossing's θ and φ, interpolated within
 * the last step, or undefined after `maxLength` metres.
 */
function integrateToCalorimeter(
  momentum: [number, number, number],
  charge: number,
  field: number,
  maxLength = 30,
): { theta: number; phi: number; region: number } | undefined {
  const step = 1e-3;
  const derivative = (state: number[]): number[] => {
    const [, , , px, py, pz] = state as [number, number, number, number, number, number];
    const p = Math.sqrt(px * px + py * py + pz * pz);
    const k = (GEV_PER_TESLA_METRE * charge * field) / p;
    // p × B with B = (0, 0, field) is (py·B, −px·B, 0); k already carries B.
    return [px / p, py / p, pz / p, k * py, -k * px, 0];
  };
  let state = [0, 0, 0, ...momentum];
  for (let s = 0; s < maxLength; s += step) {
    const k1 = derivative(state);
    const k2 = derivative(state.map((x, i) => x + (step / 2) * k1[i]!));
    const k3 = derivative(state.map((x, i) => x + (step / 2) * k2[i]!));
    const k4 = derivative(state.map((x, i) => x + step * k3[i]!));
    const next = state.map((x, i) => x + (step / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    const radius = Math.hypot(next[0]!, next[1]!);
    const crossesBarrel = radius >= detector.barrelRadius && Math.abs(next[2]!) <= detector.barrelHalfLength;
    const crossesEndcap = Math.abs(next[2]!) >= detector.endcapZ;
    if (crossesBarrel || crossesEndcap) {
      const before = crossesBarrel ? Math.hypot(state[0]!, state[1]!) : Math.abs(state[2]!);
      const after = crossesBarrel ? radius : Math.abs(next[2]!);
      const target = crossesBarrel ? detector.barrelRadius : detector.endcapZ;
      const t = (target - before) / (after - before);
      const [x, y, z] = [0, 1, 2].map((i) => state[i]! + t * (next[i]! - state[i]!)) as [
        number,
        number,
        number,
      ];
      return {
        theta: Math.atan2(Math.hypot(x, y), z),
        phi: Math.atan2(y, x),
        region: crossesBarrel ? IMPACT_REGION.barrel : IMPACT_REGION.endcap,
      };
    }
    state = next;
  }
  return undefined;
}

describe('propagateToCalorimeter against numerical integration', () => {
  const cases: [string, [number, number, number], number, number][] = [
    ['central 10 GeV positive', [6, 8, 1], 1, 3.5],
    ['central 1.2 GeV negative', [-0.3, 1.1, 0.4], -1, 3.5],
    ['forward 3 GeV to endcap', [0.8, -0.6, 6], 1, 3.5],
    ['backward soft to endcap', [0.4, 0.3, -3], -1, 3.5],
    ['reversed field', [2, 1, -0.5], 1, -3.5],
    ['φ near the seam', [-5, 0.05, 0.5], -1, 3.5],
  ];
  for (const [name, momentum, charge, field] of cases) {
    it(`matches the integrated track: ${name}`, () => {
      const expected = integrateToCalorimeter(momentum, charge, field);
      const impact = propagateToCalorimeter(...momentum, charge, { ...detector, magneticField: field });
      expect(expected).toBeDefined();
      expect(impact.region).toBe(expected!.region);
      expect(impact.theta).toBeCloseTo(expected!.theta, 6);
      expect(wrapDeltaPhi(impact.phi - expected!.phi)).toBeCloseTo(0, 6);
    });
  }
});
