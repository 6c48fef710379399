/**
 * The error `colorizeEvent` and `colorizeEvents` raise for an event they cannot colorize.
 */

/** Reason an event was rejected. */
export type InvalidEventReason = 'noParticles' | 'fewerParticlesThanJets' | 'notFinite' | 'notAnEvent';

/**
 * An event that cannot be colorized: no particles, fewer particles than jets, a four-momentum component that is
 * not finite, or no `Particles` container. `reason` names the case and `eventIndex` the event within the call.
 */
export class InvalidEventError extends RangeError {
  readonly reason: InvalidEventReason;
  readonly eventIndex: number;

  constructor(reason: InvalidEventReason, eventIndex: number, message: string) {
    super(message);
    this.name = 'InvalidEventError';
    this.reason = reason;
    this.eventIndex = eventIndex;
  }
}
