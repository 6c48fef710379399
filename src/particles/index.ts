export { Particles, particlesFromArray } from './particles.js';
export type { ParticleExtras } from './particles.js';
export {
  validateParticleArrays,
  MASS_SHELL_ABSOLUTE_TOLERANCE,
  MASS_SHELL_RELATIVE_TOLERANCE,
} from './validate.js';
export type { JetEvent, Parton, Boson } from './event.js';
export { TWO_PI, azimuth, polarAngle, wrapDeltaPhi } from './conventions.js';
export { addFourMomenta, invariantMass, momentumMagnitude, transverseMomentum } from './fourvector.js';
export type { FourMomentum } from './fourvector.js';
export { maximumWeightAssignment } from './assignment.js';
