/**
 * A small SVG histogram plotter for the evaluation plots: step histograms of several series over one axis,
 * with tick labels and a legend, as one self-contained SVG document.
 */

/** One histogrammed sample. */
export interface HistogramSeries {
  label: string;
  values: readonly number[];
}

/** Layout and binning of {@link renderHistogramSvg}. */
export interface HistogramPlotOptions {
  title: string;
  xLabel: string;
  /** Lower and upper edge of the histogrammed range; values outside it are left out and counted in the legend. */
  range: [number, number];
  /** Number of equal-width bins, an integer ≥ 1. */
  bins: number;
  /** Whether each series is scaled to unit area, so that samples of different sizes compare. Default: true. */
  normalize?: boolean;
  /** Picture width and height in pixels. Default: 720 × 440. */
  width?: number;
  height?: number;
}

/** Line colours of the series, in order (a colour-blind-safe palette). */
const SERIES_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

const MARGIN = { left: 70, right: 20, top: 40, bottom: 55 };

/**
 * Renders step histograms of every series on shared axes as an SVG document.
 *
 * @throws RangeError for an empty or inverted range or a bin count that is not an integer ≥ 1.
 */
export function renderHistogramSvg(
  series: readonly HistogramSeries[],
  options: HistogramPlotOptions,
): string {
  const [low, high] = options.range;
  if (!(Number.isFinite(low) && Number.isFinite(high) && high > low)) {
    throw new RangeError(
      `renderHistogramSvg: range: expected finite [low, high] with high > low but got [${low}, ${high}]`,
    );
  }
  if (!Number.isInteger(options.bins) || options.bins < 1) {
    throw new RangeError(`renderHistogramSvg: bins: expected an integer ≥ 1 but got ${options.bins}`);
  }
  const width = options.width ?? 720;
  const height = options.height ?? 440;
  const normalize = options.normalize ?? true;
  const binWidth = (high - low) / options.bins;

  const histograms = series.map((entry) =>
    fillHistogram(entry.values, low, binWidth, options.bins, normalize),
  );
  const yMax = Math.max(1e-12, ...histograms.flatMap((histogram) => Array.from(histogram.heights))) * 1.1;

  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (value: number): number => MARGIN.left + ((value - low) / (high - low)) * plotWidth;
  const y = (value: number): number => MARGIN.top + plotHeight - (value / yMax) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="black"/>`,
  ];
  for (const tick of niceTicks(low, high, 6)) {
    parts.push(
      `<line x1="${x(tick)}" y1="${MARGIN.top + plotHeight}" x2="${x(tick)}" y2="${MARGIN.top + plotHeight + 5}" stroke="black"/>`,
      `<text x="${x(tick)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of niceTicks(0, yMax, 5)) {
    parts.push(
      `<line x1="${MARGIN.left - 5}" y1="${y(tick)}" x2="${MARGIN.left}" y2="${y(tick)}" stroke="black"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${normalize ? 'fraction per unit' : 'entries'}</text>`,
  );

  histograms.forEach((histogram, index) => {
    const color = SERIES_COLORS[index % SERIES_COLORS.length] as string;
    const points: string[] = [`${x(low)},${y(0)}`];
    histogram.heights.forEach((value, bin) => {
      points.push(`${x(low + bin * binWidth)},${y(value)}`, `${x(low + (bin + 1) * binWidth)},${y(value)}`);
    });
    points.push(`${x(high)},${y(0)}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${points.join(' ')}"/>`);

    const entry = series[index] as HistogramSeries;
    const legendY = MARGIN.top + 16 + index * 16;
    const outside = histogram.outside > 0 ? ` (${histogram.outside} outside the range)` : '';
    parts.push(
      `<line x1="${MARGIN.left + plotWidth - 230}" y1="${legendY - 4}" x2="${MARGIN.left + plotWidth - 210}" y2="${legendY - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${MARGIN.left + plotWidth - 205}" y="${legendY}">${escapeXml(`${entry.label}: ${entry.values.length}${outside}`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Counts values per bin; heights are densities (unit area over the range) when `normalize` is set. */
function fillHistogram(
  values: readonly number[],
  low: number,
  binWidth: number,
  bins: number,
  normalize: boolean,
): { heights: Float64Array; outside: number } {
  const heights = new Float64Array(bins);
  let inside = 0;
  for (const value of values) {
    const bin = Math.floor((value - low) / binWidth);
    if (!(bin >= 0 && bin < bins)) continue;
    heights[bin] = (heights[bin] as number) + 1;
    inside++;
  }
  if (normalize && inside > 0) {
    for (let bin = 0; bin < bins; bin++) heights[bin] = (heights[bin] as number) / (inside * binWidth);
  }
  return { heights, outside: values.length - inside };
}

/** Returns about `count` round tick values (1, 2 or 5 times a power of ten apart) inside [low, high]. */
export function niceTicks(low: number, high: number, count: number): number[] {
  const rough = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step) {
    ticks.push(Math.round(tick / step) * step);
  }
  return ticks;
}

export function formatTick(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
