// Colours and type shared by every chart.
// - Categories: Okabe–Ito (Okabe & Ito 2008), distinguishable under the common colour-vision
//   deficiencies. Its black is left out because charts sit on light AND dark pages (text uses
//   currentColor instead); the yellow is kept last because it is weak on white.
// - Sequential values: viridis, perceptually uniform and colour-blind safe; every cell also
//   carries its value in the CSV and the description, so colour is never the only channel.

export const FONT_FAMILY = 'Inter, system-ui, sans-serif';

export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;

/** The accent used where a chart has one series. */
export const ACCENT = CATEGORICAL[0];

export const SEQUENTIAL_SCHEME = 'viridis';

export function categoricalColour(index: number): string {
  return CATEGORICAL[index % CATEGORICAL.length];
}
