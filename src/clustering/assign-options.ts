/** Options of `assignMinijets`, their defaults and their validation. */

/** Options of {@link assignMinijets}. */
export interface AssignmentOptions {
  /**
   * Rule that turns minijets into jets. 'likelihood': each minijet goes to a jet channel by the heat-map likelihood rule
   * of the module description. 'guidedDurham': minijets merge pairwise by the Durham distance scaled by how
   * differently the heat maps colour them (see `guidedDurhamClusters`), until nJets jets remain.
   * Default: 'likelihood'.
   */
  method?: AssignmentMethod;
  /** Guidance strength λ ≥ 0 of 'guidedDurham'; 0 gives Durham's jets. Default: 1. */
  guidance?: number;
  /**
   * Whether to refine the 'likelihood' assignment with the jet boundaries the network estimates. Jet k's region
   * is where heat map k is the largest jet channel. A minijet whose axis lies in jet k's region moves to jet k,
   * unless that would leave its jet empty. Minijets are visited by decreasing energy. Default: false.
   */
  refine?: boolean;
}

/** The ways {@link assignMinijets} turns minijets into jets. */
export type AssignmentMethod = 'likelihood' | 'guidedDurham';

/** Names of the assignment methods, for validation and help texts. */
export const ASSIGNMENT_METHODS: readonly AssignmentMethod[] = Object.freeze(['likelihood', 'guidedDurham']);

/** Default options of {@link assignMinijets}. */
export const DEFAULT_ASSIGNMENT_OPTIONS: Readonly<Required<AssignmentOptions>> = Object.freeze({
  method: 'likelihood',
  guidance: 1,
  refine: false,
});

/**
 * Merges `options` over {@link DEFAULT_ASSIGNMENT_OPTIONS} and checks them. Messages name `caller`, and the
 * method option as `methodField` (callers whose options name it differently pass their name).
 *
 * @throws TypeError for an unknown method; RangeError for a negative or non-finite guidance, or refine with a
 *   method other than 'likelihood'.
 */
export function resolveAssignmentOptions(
  options: AssignmentOptions,
  caller = 'assignMinijets',
  methodField = 'method',
): Required<AssignmentOptions> {
  const resolved = { ...DEFAULT_ASSIGNMENT_OPTIONS, ...stripUndefined(options) };
  if (!ASSIGNMENT_METHODS.includes(resolved.method)) {
    throw new TypeError(
      `${caller}: options.${methodField}: expected one of ${ASSIGNMENT_METHODS.join(', ')} but got ${String(resolved.method)}`,
    );
  }
  if (!(Number.isFinite(resolved.guidance) && resolved.guidance >= 0)) {
    throw new RangeError(`${caller}: options.guidance: expected a number ≥ 0 but got ${resolved.guidance}`);
  }
  if (resolved.refine && resolved.method !== 'likelihood') {
    throw new RangeError(
      `${caller}: options.refine: the refinement moves minijets between heat-map channels, so it applies ` +
        `to the 'likelihood' method only, but got ${methodField} '${resolved.method}'`,
    );
  }
  return resolved;
}

function stripUndefined(options: AssignmentOptions): AssignmentOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
