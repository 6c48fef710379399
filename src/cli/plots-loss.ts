/** Loss curves of a training run as one SVG document: loss against epoch, one line per series. */

import { escapeXml, formatTick, niceTicks } from './plots-svg.js';

/** One curve: the loss after each epoch, epochs counted from 1. */
export interface LossCurve {
  label: string;
  losses: readonly number[];
}

const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7'];
const MARGIN = { left: 70, right: 20, top: 40, bottom: 55 };

/**
 * Renders loss curves against epoch as an SVG document of `width` × `height` pixels (default 640 × 400).
 * Non-finite losses are left out of the lines.
 *
 * @throws RangeError when no curve has a finite loss.
 */
export function renderLossCurvesSvg(
  curves: readonly LossCurve[],
  title: string,
  width = 640,
  height = 400,
): string {
  const finite = curves.flatMap((curve) => curve.losses.filter((loss) => Number.isFinite(loss)));
  if (finite.length === 0) {
    throw new RangeError('renderLossCurvesSvg: curves: expected at least one finite loss but got none');
  }
  const epochs = Math.max(2, ...curves.map((curve) => curve.losses.length));
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const padding = Math.max((high - low) * 0.08, 1e-3);
  const yLow = Math.max(0, low - padding);
  const yHigh = high + padding;

  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (epoch: number): number => MARGIN.left + ((epoch - 1) / (epochs - 1)) * plotWidth;
  const y = (loss: number): number => MARGIN.top + plotHeight - ((loss - yLow) / (yHigh - yLow)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="black"/>`,
  ];
  for (const tick of niceTicks(1, epochs, Math.min(epochs - 1, 8)).filter((value) =>
    Number.isInteger(value),
  )) {
    parts.push(
      `<line x1="${x(tick)}" y1="${MARGIN.top + plotHeight}" x2="${x(tick)}" y2="${MARGIN.top + plotHeight + 5}" stroke="black"/>`,
      `<text x="${x(tick)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${tick}</text>`,
    );
  }
  for (const tick of niceTicks(yLow, yHigh, 5)) {
    parts.push(
      `<line x1="${MARGIN.left - 5}" y1="${y(tick)}" x2="${MARGIN.left}" y2="${y(tick)}" stroke="black"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">epoch</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">energy-weighted log loss</text>`,
  );
  curves.forEach((curve, index) => {
    const color = COLORS[index % COLORS.length] as string;
    const points = curve.losses.flatMap((loss, epoch) =>
      Number.isFinite(loss) ? [`${x(epoch + 1)},${y(loss)}`] : [],
    );
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    for (const point of points) {
      const [cx, cy] = point.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
    }
    const legendY = MARGIN.top + 16 + index * 16;
    parts.push(
      `<line x1="${MARGIN.left + plotWidth - 150}" y1="${legendY - 4}" x2="${MARGIN.left + plotWidth - 130}" y2="${legendY - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${MARGIN.left + plotWidth - 125}" y="${legendY}">${escapeXml(curve.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
