// Colours and type shared by every chart.
// - Categories: Okabe–Ito (Okabe & Ito 2008), distinguishable under the common colour-vision
//   deficiencies. Charts sit on light AND dark pages, so every colour keeps 3:1 contrast on both
//   (WCAG 1.4.11; tests/charts/palette.test.ts): its black is left out (text uses currentColor),
//   its light orange, reddish purple and yellow are darkened in linear RGB (hue kept) to a
//   luminance of 0.24, its sky blue is left out (too near the blue once darkened) and its blue is
//   lightened to 0.2 (it was dim on the dark page). Vermilion stays sixth: the strip plot's median.
// - Sequential values: viridis, perceptually uniform and colour-blind safe; every cell also
//   carries its value in the CSV and the description, so colour is never the only channel.

export const FONT_FAMILY = 'Inter, system-ui, sans-serif';

export const CATEGORICAL = ['#0081c9', '#b47c00', '#009E73', '#bb6e99', '#918924', '#D55E00'] as const;

/** The accent used where a chart has one series. */
export const ACCENT = CATEGORICAL[0];

export const SEQUENTIAL_SCHEME = 'viridis';

export function categoricalColour(index: number): string {
  return CATEGORICAL[index % CATEGORICAL.length];
}
