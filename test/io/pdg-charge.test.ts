import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { chargeFromPdgId } from '../../src/io/index.js';
import { readHepMC3 } from '../../src/io/node.js';
import { referencePython, repoPath } from '../support/python.js';

/** Charges in units of e from Pythia 8's particle data table. */
function pythiaCharges(codes: number[]): number[] {
  const script = `
import json, sys, pythia8mc
data = pythia8mc.Pythia("", False).particleData
print(json.dumps([data.charge(int(code)) for code in sys.argv[1:]]))
`;
  return JSON.parse(
    execFileSync(referencePython(), ['-c', script, ...codes.map(String)], { encoding: 'utf8' }),
  );
}

describe('chargeFromPdgId', () => {
  it('matches Pythia for final-state codes of the samples', async () => {
    const codes = new Set<number>();
    for (const sample of ['zhh_500GeV', 'tt_500GeV']) {
      for await (const event of readHepMC3(repoPath('data', 'samples', `${sample}.hepmc3.gz`))) {
        for (const code of event.particles.pdgId ?? []) codes.add(code);
      }
    }
    const list = [...codes].sort((a, b) => a - b);
    expect(list.length).toBeGreaterThan(20);
    expect(list.map(chargeFromPdgId)).toEqual(pythiaCharges(list));
  });

  it('matches Pythia for quarks, bosons and heavy hadrons', () => {
    const list = [
      1, -2, 3, -4, 5, 6, 11, -13, 15, 22, 23, 24, -24, 25, 37, 111, 211, -321, 310, 411, 421, 431, 511, -521,
      531, 541, 443, 553, 2212, -2112, 3122, 3222, -3112, 3312, 3334, 4122, 4232, 5122, 5332, 20213, 100443,
      10321,
    ];
    expect(list.map(chargeFromPdgId)).toEqual(pythiaCharges(list));
  });

  it('gives nuclei their proton count', () => {
    expect(chargeFromPdgId(1000020040)).toBe(2);
    expect(chargeFromPdgId(-1000010020)).toBe(-1);
  });
});
