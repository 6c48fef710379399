/**
 * The "Estimation" panel of `jetcolor display`: the colorizer's jets drawn in the colours of the true jets
 * they match, so that it reads side by side with the "Answer" panel.
 */

import { colorizeEvents } from '../colorize.js';
import type { ColorizeInput } from '../colorize.js';
import type { PicturePanel } from '../geometry/index.js';
import { computeSharedEnergy, matchJets, truthClustering } from '../metrics/index.js';
import type { LoadedColorizer } from '../unet/model-files.js';

/**
 * Colorizes `event` and returns the panel: particles coloured by their jet, heat-map pixels by their most
 * probable jet channel. Jets and true jets are matched one to one by shared energy, and each jet takes the colour
 * of its true jet. A jet without a match, or any jet of an event without labels, takes a colour after the true
 * jets' colours.
 */
export async function estimationPanel(
  event: ColorizeInput,
  colorizer: LoadedColorizer,
): Promise<PicturePanel> {
  const [result] = await colorizeEvents([event], { model: colorizer, heatMaps: true });
  if (result === undefined || result.heatMaps === undefined) {
    throw new Error('display: the colorizer returned no result for the event');
  }
  const nJets = result.jets.length;
  const colourOfJet = jetColours(event, result.particleJet, nJets);

  const particleColours = Array.from(result.particleJet, (jet) => colourOfJet[jet] as number);
  const { data, height, width, channels } = result.heatMaps;
  const colourOfChannel = new Int32Array(channels).fill(-1);
  result.jetChannel.forEach((channel, jet) => (colourOfChannel[channel] = colourOfJet[jet] as number));
  const pixelColours = new Int32Array(height * width);
  for (let pixel = 0; pixel < pixelColours.length; pixel++) {
    let best = 0;
    for (let channel = 1; channel < channels; channel++) {
      if ((data[pixel * channels + channel] as number) > (data[pixel * channels + best] as number))
        best = channel;
    }
    pixelColours[pixel] = colourOfChannel[best] as number;
  }
  return { title: 'Estimation', markers: particleColours, pixelLabels: pixelColours };
}

/** Colour index of every jet: its matched true jet, or nTrue + k for the k-th jet without a match. */
function jetColours(event: ColorizeInput, particleJet: Int32Array, nJets: number): Int32Array {
  const colours = new Int32Array(nJets).fill(-1);
  let nTrue = 0;
  if (event.particles.trueJet !== undefined) {
    const truth = truthClustering(event);
    nTrue = truth.nJets;
    const overlap = computeSharedEnergy(event.particles.e, particleJet, truth.particleJet, nJets, nTrue);
    const { recoToTrue } = matchJets(overlap);
    recoToTrue.forEach((trueJet, jet) => (colours[jet] = trueJet));
  }
  let next = nTrue;
  colours.forEach((colour, jet) => {
    if (colour < 0) colours[jet] = next++;
  });
  return colours;
}
