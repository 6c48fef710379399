/** The full HepMC3 record of an event: every particle and vertex, as read from the file. */

import { HepMC3ParseError } from './hepmc3-error.js';
import type { HepMC3RawEvent } from './hepmc3-fields.js';

/** A vertex of the record. */
export interface HepMC3Vertex {
  /** Vertex id, negative: vertex −k is `vertices[k − 1]`. */
  id: number;
  status: number;
  /** Ids of the particles entering the vertex. */
  incoming: number[];
  /** Ids of the particles leaving the vertex. */
  outgoing: number[];
  /** Position (x, y, z, c·t) in mm, when the file gives one. */
  position?: { x: number; y: number; z: number; t: number };
}

/**
 * Every particle of an event (particle id k at index k − 1, momenta in GeV) with the links to its
 * vertices, and every vertex.
 */
export interface HepMC3Record {
  pdgId: Int32Array;
  /** HepMC status: 1 final state, 2 decayed, 4 beam, others generator-specific. */
  status: Int32Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  e: Float64Array;
  /** Generated mass in GeV. */
  mass: Float64Array;
  /** Id of the vertex that produces each particle, or 0 for none. */
  productionVertex: Int32Array;
  /** Id of the vertex that each particle enters, or 0 for none. */
  endVertex: Int32Array;
  vertices: HepMC3Vertex[];
  /** Attributes of particles (positive ids) and vertices (negative ids), by id and name, as raw strings. */
  attributes: Map<number, Map<string, string>>;
}

/**
 * Builds the record of a raw event. The file gives no ids for implicit vertices (a P line whose parent is a
 * particle), so they take the ids that no V or P line uses. They are assigned as HepMC3 3.2's ReaderAscii
 * does: the free ids from the most negative upwards get the implicit vertices in reverse order of first
 * appearance.
 * NOTE: ReaderAscii as bundled in pyhepmc 2.16 leaves gaps above the last explicit id empty, so it rejects
 * such an event ("too few vertices"). This reader fills those gaps in the same way as the other ids.
 */
export function buildRecord(raw: HepMC3RawEvent, scale: number, source: string): HepMC3Record {
  const n = raw.pdgId.length;
  const vertexCount = raw.declaredVertices;
  const lengthScale = raw.lengthUnit === 'CM' ? 10 : 1;
  const fail = (detail: string): HepMC3ParseError =>
    new HepMC3ParseError(source, raw.line, raw.eventNumber, detail);

  const vertices: HepMC3Vertex[] = [];
  for (let k = 0; k < vertexCount; k++)
    vertices.push({ id: -(k + 1), status: 0, incoming: [], outgoing: [] });
  const at = (id: number): HepMC3Vertex => vertices[-id - 1] as HepMC3Vertex;

  for (const [id, explicit] of raw.explicitVertices) {
    const vertex = at(id);
    vertex.status = explicit.status;
    vertex.incoming = [...explicit.incoming];
    if (explicit.position !== undefined) {
      const [x, y, z, t] = explicit.position.map((value) => value * lengthScale) as [
        number,
        number,
        number,
        number,
      ];
      vertex.position = { x, y, z, t };
    }
  }

  // Place the implicit vertices in the unused ids.
  const used = new Set<number>([...raw.explicitVertices.keys(), ...raw.referencedVertices]);
  const implicitId = new Map<number, number>();
  const pending = [...raw.implicitVertexParents].reverse();
  for (let id = -vertexCount; id < 0 && pending.length > 0; id++) {
    if (used.has(id)) continue;
    const parent = pending.shift() as number;
    implicitId.set(parent, id);
    at(id).incoming = [parent];
  }

  const productionVertex = new Int32Array(n);
  const endVertex = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const parent = raw.parent[k] as number;
    const vertexId = parent > 0 ? (implicitId.get(parent) as number) : parent;
    productionVertex[k] = vertexId;
    if (vertexId !== 0) at(vertexId).outgoing.push(k + 1);
  }
  for (const vertex of vertices) {
    for (const particle of vertex.incoming) {
      if (endVertex[particle - 1] !== 0) {
        throw fail(`particle ${particle} enters two vertices, ${endVertex[particle - 1]} and ${vertex.id}`);
      }
      endVertex[particle - 1] = vertex.id;
    }
  }

  const attributes = new Map<number, Map<string, string>>();
  for (const attribute of raw.attributes) {
    if (attribute.id === 0) continue;
    let byName = attributes.get(attribute.id);
    if (byName === undefined) {
      byName = new Map();
      attributes.set(attribute.id, byName);
    }
    byName.set(attribute.name, attribute.value);
  }

  const scaled = (column: Float64Array): Float64Array =>
    scale === 1 ? column : column.map((v) => v * scale);
  return {
    pdgId: raw.pdgId,
    status: raw.status,
    px: scaled(raw.px),
    py: scaled(raw.py),
    pz: scaled(raw.pz),
    e: scaled(raw.e),
    mass: scaled(raw.mass),
    productionVertex,
    endVertex,
    vertices,
    attributes,
  };
}
