/**
 * Description of the detector that {@link simulateDetector} models: solenoid field, calorimeter front faces,
 * acceptances and resolutions. Lengths in metres, field in tesla, energies in GeV.
 */

/** Energy resolution σ_E / E = stochastic / √(E / GeV) ⊕ constant (added in quadrature). */
export interface CalorimeterResolution {
  /** Stochastic term, a fraction (0.17 means 17 %/√E). */
  stochastic: number;
  /** Constant term, a fraction. */
  constant: number;
}

/** Track momentum resolution σ(1/pT) = constant ⊕ multipleScattering / (pT · √sin θ), in GeV⁻¹. */
export interface TrackResolution {
  /** Asymptotic term a in GeV⁻¹. */
  constant: number;
  /** Multiple-scattering term b in GeV⁻¹ (divided by pT in GeV and √sin θ). */
  multipleScattering: number;
}

/** Geometry and response of a particle-flow detector in a solenoid. */
export interface Detector {
  /** Solenoid field along +z in tesla (uniform inside the calorimeter front faces). */
  magneticField: number;
  /** Radius of the barrel calorimeter front face, a cylinder around the beam, in metres. */
  barrelRadius: number;
  /** Half-length of the barrel front face: it covers |z| ≤ barrelHalfLength, in metres. */
  barrelHalfLength: number;
  /** |z| of the endcap calorimeter front faces, two discs, in metres; at least barrelHalfLength. */
  endcapZ: number;
  /** Largest |cos θ| of a charged particle's direction at which its track is reconstructed. */
  trackingMaxAbsCosTheta: number;
  /** Largest |cos θ| of a direction that the calorimeters cover. */
  calorimeterMaxAbsCosTheta: number;
  /** Probability that a charged particle inside the tracking acceptance is reconstructed as a track, in [0, 1]. */
  trackingEfficiency: number;
  /** Track momentum resolution. */
  trackResolution: TrackResolution;
  /** Electromagnetic calorimeter resolution, applied to photons (and to electrons without a track). */
  ecalResolution: CalorimeterResolution;
  /** Hadronic calorimeter resolution, applied to neutral hadrons (and to hadrons without a track). */
  hcalResolution: CalorimeterResolution;
}

/**
 * An ILD-like detector. Sources: the ILD Letter of Intent (DESY 2009/87, 2010) and the ILD Interim Design
 * Report (arXiv:2003.01116, 2020). NOTE: these values were taken from summaries of those documents, not
 * rechecked against the documents themselves. Values marked "estimate" are this library's choice.
 */
export const ILD_DETECTOR: Readonly<Detector> = Object.freeze({
  // ILD solenoid: 3.5 T.
  magneticField: 3.5,
  // ECAL barrel inner radius 1.805 m, covering |z| ≤ 2.35 m.
  barrelRadius: 1.805,
  barrelHalfLength: 2.35,
  // ECAL endcap front faces at |z| = 2.412 m.
  endcapZ: 2.412,
  // Estimate: ILD tracks down to about 5° from the beam with the forward tracking disks (|cos θ| ≈ 0.996).
  trackingMaxAbsCosTheta: 0.996,
  // Estimate: the ECAL endcap reaches down to about 100 mrad (|cos θ| ≈ 0.995); the forward calorimeters
  // (LumiCal, BeamCal) below that are not modelled.
  calorimeterMaxAbsCosTheta: 0.995,
  // Estimate: ideal tracking; lower it to study lost tracks.
  trackingEfficiency: 1,
  // ILD goal σ(1/pT) = 2 × 10⁻⁵ GeV⁻¹ ⊕ 1 × 10⁻³ GeV⁻¹ / (pT sin^½ θ).
  trackResolution: Object.freeze({ constant: 2e-5, multipleScattering: 1e-3 }),
  // SiW ECAL: about 15–17 %/√E ⊕ 1 %; the upper value is used.
  ecalResolution: Object.freeze({ stochastic: 0.17, constant: 0.01 }),
  // Scintillator AHCAL: about 50 %/√E ⊕ 1.5 % for single hadrons.
  hcalResolution: Object.freeze({ stochastic: 0.5, constant: 0.015 }),
});

/**
 * Checks every field of a detector description.
 *
 * @throws TypeError for a missing or non-numeric field.
 * @throws RangeError for a value outside its physical range.
 */
export function validateDetector(detector: Detector, caller: string): void {
  if (detector === null || typeof detector !== 'object') {
    throw new TypeError(`${caller}: detector: expected a Detector object but got ${String(detector)}`);
  }
  const positive = ['magneticField', 'barrelRadius', 'barrelHalfLength', 'endcapZ'] as const;
  for (const name of positive) checkNumber(detector[name], `detector.${name}`, caller, (x) => x > 0, '> 0');
  if (detector.endcapZ < detector.barrelHalfLength) {
    throw new RangeError(
      `${caller}: detector: expected endcapZ ≥ barrelHalfLength but got endcapZ = ${detector.endcapZ} m, ` +
        `barrelHalfLength = ${detector.barrelHalfLength} m`,
    );
  }
  const fractions = ['trackingMaxAbsCosTheta', 'calorimeterMaxAbsCosTheta', 'trackingEfficiency'] as const;
  for (const name of fractions) {
    checkNumber(detector[name], `detector.${name}`, caller, (x) => x >= 0 && x <= 1, 'in [0, 1]');
  }
  const terms: [string, unknown][] = [
    ['trackResolution.constant', detector.trackResolution?.constant],
    ['trackResolution.multipleScattering', detector.trackResolution?.multipleScattering],
    ['ecalResolution.stochastic', detector.ecalResolution?.stochastic],
    ['ecalResolution.constant', detector.ecalResolution?.constant],
    ['hcalResolution.stochastic', detector.hcalResolution?.stochastic],
    ['hcalResolution.constant', detector.hcalResolution?.constant],
  ];
  for (const [name, value] of terms) checkNumber(value, `detector.${name}`, caller, (x) => x >= 0, '≥ 0');
}

function checkNumber(
  value: unknown,
  name: string,
  caller: string,
  isValid: (x: number) => boolean,
  range: string,
): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${caller}: ${name}: expected a number but got ${typeof value}`);
  }
  if (!Number.isFinite(value) || !isValid(value)) {
    throw new RangeError(`${caller}: ${name}: expected a finite number ${range} but got ${value}`);
  }
}
