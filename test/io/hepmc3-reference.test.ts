/**
 * The TypeScript reader against pyhepmc (HepMC3's C++ reader), on files written by the Pythia tool and on a
 * full Pythia record written by pyhepmc itself (implicit vertices, positions, many vertices).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { readHepMC3 } from '../../src/io/node.js';
import type { HepMC3Event, HepMC3Record, HepMC3Vertex } from '../../src/io/index.js';
import { generatedEventsPath } from '../support/generated-events.js';
import { referencePython } from '../support/python.js';

interface ReferenceParticle {
  id: number;
  pid: number;
  status: number;
  p: [number, number, number, number];
  m: number;
  /** Ids of the particles entering the production vertex. */
  parents: number[];
  /** Ids of the particles leaving the end vertex. */
  children: number[];
  label: number | null;
}

interface ReferenceEvent {
  number: number;
  vertices: number;
  particles: ReferenceParticle[];
  /** Incoming particle ids of the vertices that the file writes as V lines, by vertex id. */
  explicitVertices: Record<string, number[]>;
  attributes: Record<string, string>;
}

/** Python lines that turn a pyhepmc GenEvent `ev` into the plain data of {@link ReferenceEvent}. */
const DUMP_EVENT = `
def dump(ev):
    particles = []
    for p in ev.particles:
        label = p.attributes["true_jet"] if "true_jet" in p.attributes else None
        particles.append({
            "id": p.id, "pid": p.pid, "status": p.status,
            "p": [p.momentum.px, p.momentum.py, p.momentum.pz, p.momentum.e],
            "m": p.generated_mass,
            "parents": sorted(q.id for q in p.production_vertex.particles_in) if p.production_vertex else [],
            "children": sorted(q.id for q in p.end_vertex.particles_out) if p.end_vertex else [],
            "label": None if label is None else int(str(label)),
        })
    return {
        "number": ev.event_number, "vertices": len(ev.vertices), "particles": particles,
        "explicitVertices": {str(v.id): sorted(q.id for q in v.particles_in) for v in ev.vertices
                             if len(v.particles_in) != 1 or v.position != (0, 0, 0, 0)},
        "attributes": {k: str(v) for k, v in ev.attributes.items()},
    }
`;

/** Reads a file with pyhepmc and returns every particle and vertex as plain data. */
function readWithPyhepmc(path: string): ReferenceEvent[] {
  const script = `
import json, sys, pyhepmc
${DUMP_EVENT}
with pyhepmc.open(sys.argv[1]) as f:
    json.dump([dump(ev) for ev in f], sys.stdout)
`;
  const text = execFileSync(referencePython(), ['-c', script, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return JSON.parse(text) as ReferenceEvent[];
}

async function readAll(path: string, fullRecord: boolean): Promise<HepMC3Event[]> {
  const events: HepMC3Event[] = [];
  for await (const event of readHepMC3(path, { fullRecord })) events.push(event);
  return events;
}

/**
 * Writes `n` e+e- → ZZ events with Pythia's full record through pyhepmc (from_hepevt) and returns the
 * events as pyhepmc stores them before writing. pyhepmc 2.16 cannot read such files back: its ReaderAscii
 * rejects events whose implicit vertices have ids above the last explicit one ("too few vertices").
 */
function writeFullPythiaRecord(path: string, n: number): ReferenceEvent[] {
  const script = `
import json, sys, numpy as np, pyhepmc, pythia8mc
${DUMP_EVENT}
written = []
py = pythia8mc.Pythia("", False)
for s in ["Beams:idA = 11", "Beams:idB = -11", "Beams:eCM = 250", "WeakDoubleBoson:ffbar2gmZgmZ = on",
          "Random:setSeed = on", "Random:seed = 5", "Print:quiet = on"]:
    py.readString(s)
py.init()
with pyhepmc.open(sys.argv[1], "w") as f:
    for number in range(int(sys.argv[2])):
        while not py.next():
            pass
        parts = list(py.event.particles())[1:]
        col = lambda fn, t: np.array([fn(q) for q in parts], dtype=t)
        ev = pyhepmc.GenEvent()
        ev.from_hepevt(number, col(lambda q: q.px(), float), col(lambda q: q.py(), float),
                       col(lambda q: q.pz(), float), col(lambda q: q.e(), float), col(lambda q: q.m(), float),
                       col(lambda q: q.id(), np.int32), col(lambda q: q.statusHepMC(), np.int32),
                       np.array([[q.mother1(), q.mother2()] for q in parts], dtype=np.int32),
                       vx=col(lambda q: q.xProd(), float), vy=col(lambda q: q.yProd(), float),
                       vz=col(lambda q: q.zProd(), float), vt=col(lambda q: q.tProd(), float))
        f.write(ev)
        written.append(dump(ev))
json.dump(written, sys.stdout)
`;
  const text = execFileSync(referencePython(), ['-c', script, path, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return JSON.parse(text) as ReferenceEvent[];
}

describe('readHepMC3 against pyhepmc', () => {
  it('final-state particles and labels match', async () => {
    const path = generatedEventsPath('zhh');
    const reference = readWithPyhepmc(path);
    const events = await readAll(path, false);
    expect(events.map((event) => event.eventNumber)).toEqual(reference.map((event) => event.number));
    for (const [k, event] of events.entries()) {
      const finalState = (reference[k] as ReferenceEvent).particles.filter(
        (particle) => particle.status === 1,
      );
      const { particles } = event;
      expect(particles.length).toBe(finalState.length);
      for (const [i, particle] of finalState.entries()) {
        // Both parse the same decimal text, so the doubles are identical.
        expect([particles.px[i], particles.py[i], particles.pz[i], particles.e[i]]).toEqual(particle.p);
        expect(particles.pdgId?.[i]).toBe(particle.pid);
        expect(particles.trueJet?.[i]).toBe(particle.label);
      }
    }
  });

  it('event attributes match', async () => {
    const path = generatedEventsPath('tt');
    const reference = readWithPyhepmc(path);
    const events = await readAll(path, false);
    for (const [k, event] of events.entries()) {
      const attributes = (reference[k] as ReferenceEvent).attributes;
      for (const name of ['process', 'sqrt_s', 'parton_pdg', 'parton_boson', 'boson_pdg', 'boson_parent']) {
        expect(event.attributes.get(name)).toBe(attributes[name]);
      }
      expect(event.partons.map((parton) => parton.pdgId).join(' ')).toBe(attributes.parton_pdg);
    }
  });

  describe('full Pythia record written by pyhepmc', () => {
    let path = '';
    let reference: ReferenceEvent[] = [];
    let events: HepMC3Event[] = [];

    beforeAll(async () => {
      path = join(mkdtempSync(join(tmpdir(), 'jetcolor-hepmc3-')), 'zz-full.hepmc3');
      reference = writeFullPythiaRecord(path, 3);
      events = await readAll(path, true);
    });

    it('has every particle with its status', () => {
      expect(events).toHaveLength(3);
      for (const [k, event] of events.entries()) {
        const particles = (reference[k] as ReferenceEvent).particles;
        const record = event.record;
        expect(record).toBeDefined();
        expect(Array.from(record?.pdgId ?? [])).toEqual(particles.map((particle) => particle.pid));
        expect(Array.from(record?.status ?? [])).toEqual(particles.map((particle) => particle.status));
        expect(Array.from(record?.e ?? [])).toEqual(particles.map((particle) => particle.p[3]));
        expect(Array.from(record?.mass ?? [])).toEqual(particles.map((particle) => particle.m));
      }
    });

    it('links particles through the same vertices', () => {
      for (const [k, event] of events.entries()) {
        const expected = reference[k] as ReferenceEvent;
        const record = event.record as HepMC3Record;
        expect(record.vertices).toHaveLength(expected.vertices);
        const vertex = (id: number): HepMC3Vertex | undefined =>
          id === 0 ? undefined : record.vertices[-id - 1];
        const sorted = (ids: number[] | undefined): number[] => [...(ids ?? [])].sort((a, b) => a - b);
        for (const [i, particle] of expected.particles.entries()) {
          expect(sorted(vertex(record.productionVertex[i] as number)?.incoming)).toEqual(particle.parents);
          expect(sorted(vertex(record.endVertex[i] as number)?.outgoing)).toEqual(particle.children);
        }
        // Vertices written as V lines keep their ids; implicit ones have no id in the file.
        for (const [id, incoming] of Object.entries(expected.explicitVertices)) {
          expect(sorted(vertex(Number(id))?.incoming)).toEqual(incoming);
        }
      }
    });

    it('reads an unlabelled file without truth', () => {
      for (const event of events) {
        expect(event.particles.trueJet).toBeUndefined();
        expect(event.partons).toEqual([]);
        expect(event.bosons).toEqual([]);
        expect(event.sqrtS).toBeCloseTo(250, 9);
      }
    });
  });
});
