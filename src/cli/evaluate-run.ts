/**
 * The evaluation behind `jetcolor evaluate`: colorize, Durham exclusive-N and truth clustering of the same
 * particles, each scored against the true-jet labels.
 */

import { colorizeEvents } from '../colorize.js';
import type { ColorizeInput } from '../colorize.js';
import type { HeatMapPredictor } from '../colorize-options.js';
import { clusterDurham } from '../clustering/index.js';
import type { Jet, AssignmentMethod, MinijetOptions } from '../clustering/index.js';
import { ILD_DETECTOR } from '../geometry/index.js';
import { evaluateClustering, summarizeClustering, truthClustering } from '../metrics/index.js';
import type {
  ClusteringSummary,
  EventClusteringMetrics,
  ParticleClustering,
  ProcessName,
} from '../metrics/index.js';
import type { JetEvent } from '../particles/index.js';
import type { LoadedColorizer } from '../unet/model-files.js';
import { simulateEventDetector } from './colorize-model.js';

/** Clustering methods the evaluation compares. */
export type EvaluationMethod = 'colorize' | 'durham' | 'truth';
export const EVALUATION_METHODS: readonly EvaluationMethod[] = Object.freeze(['colorize', 'durham', 'truth']);

/** Detector response applied before clustering: the model's, the ILD-like one, or none. */
export type EvaluationDetector = 'auto' | 'ild' | 'none';

/** Options of {@link runEvaluation}. */
export interface EvaluationOptions {
  nJets: number;
  methods: readonly EvaluationMethod[];
  /** The colorizer; required when `methods` contains 'colorize'. */
  colorizer?: LoadedColorizer;
  /**
   * 'auto': the model's detector response (none if the model was trained without one), or the ILD-like response
   * when no model is used; 'ild': the ILD-like response; 'none': the events as read.
   */
  detector: EvaluationDetector;
  /** Pairing process, 'none', or undefined to take it from each event. */
  process?: ProcessName | 'none';
  minijets?: MinijetOptions;
  /** Minijet assignment rule and guidance strength of colorize; defaults as in colorizeEvents. */
  assignment?: AssignmentMethod;
  guidance?: number;
  refine: boolean;
  /** Events per U-Net call. */
  batchSize: number;
  /** Runs the U-Net of colorize, for example on worker threads; default: the model in this thread. */
  predictor?: HeatMapPredictor;
  /** Called after each step with the number of events it handled. */
  onProgress?: (events: number) => void;
}

/** Counts of events left out of the evaluation, by reason. */
export interface SkippedEvents {
  /** Events whose particles carry no true-jet labels. */
  noLabels: number;
  /** Events with fewer particles than nJets after the detector response. */
  fewerParticlesThanJets: number;
  /** Events whose labelled visible energy is 0. */
  noLabelledEnergy: number;
}

/** Per-event metrics and summary of every method run. */
export interface EvaluationResult {
  eventsRead: number;
  skipped: SkippedEvents;
  perEvent: Partial<Record<EvaluationMethod, EventClusteringMetrics[]>>;
  summaries: Partial<Record<EvaluationMethod, ClusteringSummary>>;
}

/** U-Net batches per evaluation step: colorize overlaps the U-Net of one batch with the minijets of another. */
const BATCHES_PER_STEP = 8;

/**
 * Evaluates every method on `events`, in steps of BATCHES_PER_STEP × `batchSize` events.
 *
 * @throws TypeError when 'colorize' is requested without a colorizer.
 * @throws RangeError when no event can be evaluated.
 */
export async function runEvaluation(
  events: readonly JetEvent[],
  options: EvaluationOptions,
): Promise<EvaluationResult> {
  if (options.methods.includes('colorize') && options.colorizer === undefined) {
    throw new TypeError('runEvaluation: options.colorizer: required to evaluate the colorize method');
  }
  const skipped: SkippedEvents = { noLabels: 0, fewerParticlesThanJets: 0, noLabelledEnergy: 0 };
  const perEvent: Partial<Record<EvaluationMethod, EventClusteringMetrics[]>> = {};
  for (const method of options.methods) perEvent[method] = [];

  const step = BATCHES_PER_STEP * options.batchSize;
  for (let start = 0; start < events.length; start += step) {
    const batch: ColorizeInput[] = [];
    events.slice(start, start + step).forEach((event, offset) => {
      const reconstructed = applyDetector(event, start + offset, options);
      const reason = skipReason(reconstructed, options.nJets);
      if (reason === undefined) batch.push(reconstructed);
      else skipped[reason]++;
    });
    const colorized = options.methods.includes('colorize')
      ? await colorizeEvents(batch, {
          model: options.colorizer as LoadedColorizer,
          nJets: options.nJets,
          minijets: options.minijets,
          assignment: options.assignment,
          guidance: options.guidance,
          refine: options.refine,
          batchSize: options.batchSize,
          predictor: options.predictor,
        })
      : [];
    batch.forEach((event, b) => {
      for (const method of options.methods) {
        const clustering = clusteringOf(method, event, options.nJets, colorized[b]?.jets);
        perEvent[method]?.push(evaluateClustering(event, clustering, { process: options.process }));
      }
    });
    options.onProgress?.(Math.min(step, events.length - start));
  }

  const summaries: Partial<Record<EvaluationMethod, ClusteringSummary>> = {};
  for (const method of options.methods) {
    const metrics = perEvent[method] ?? [];
    if (metrics.length === 0) {
      throw new RangeError(
        `runEvaluation: events: none of the ${events.length} events could be evaluated ` +
          `(without labels: ${skipped.noLabels}, fewer particles than ${options.nJets}: ${skipped.fewerParticlesThanJets}, ` +
          `no labelled energy: ${skipped.noLabelledEnergy})`,
      );
    }
    summaries[method] = summarizeClustering(metrics);
  }
  return { eventsRead: events.length, skipped, perEvent, summaries };
}

function applyDetector(event: JetEvent, index: number, options: EvaluationOptions): ColorizeInput {
  let detector = options.detector === 'ild' ? ILD_DETECTOR : null;
  let looperRule = undefined;
  if (options.detector === 'auto') {
    detector = options.colorizer === undefined ? ILD_DETECTOR : options.colorizer.metadata.detector;
    looperRule = options.colorizer?.metadata.looperRule ?? undefined;
  }
  if (detector === null) return event;
  return simulateEventDetector(event, index, detector, looperRule);
}

function skipReason(event: JetEvent, nJets: number): keyof SkippedEvents | undefined {
  const labels = event.particles.trueJet;
  if (labels === undefined) return 'noLabels';
  if (event.particles.length < nJets) return 'fewerParticlesThanJets';
  let labelledEnergy = 0;
  labels.forEach((label, i) => {
    if (label >= 0) labelledEnergy += event.particles.e[i] as number;
  });
  return labelledEnergy > 0 ? undefined : 'noLabelledEnergy';
}

/** The particle clustering of one method on one event. */
function clusteringOf(
  method: EvaluationMethod,
  event: JetEvent,
  nJets: number,
  colorizedJets: Jet[] | undefined,
): ParticleClustering {
  if (method === 'truth') return truthClustering(event);
  const jets = method === 'durham' ? clusterDurham(event.particles).exclusiveJets(nJets) : colorizedJets;
  if (jets === undefined) throw new Error(`runEvaluation: no ${method} jets for an evaluated event`);
  const particleJet = new Int32Array(event.particles.length).fill(-1);
  jets.forEach((jet, j) => {
    for (const i of jet.constituents) particleJet[i] = j;
  });
  return { particleJet, nJets: jets.length };
}
