// Plain-words readings of agreement figures, for the dashboard's explanations (docs/statistics.md). Both
// are conventions, not laws: the bands are where their authors drew lines, and are labelled as such.

/** Landis and Koch's (1977) bands for κ, the convention most papers quote. */
export function landisKochBand(kappa: number): string {
  if (kappa < 0) return "poor (worse than chance)";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

/** Krippendorff's own guideline for α: rely on data at 0.800 and above, draw tentative conclusions from 0.667. */
export function krippendorffReading(alpha: number): string {
  if (alpha >= 0.8) return "reliable (α ≥ 0.800)";
  if (alpha >= 0.667) return "tentative conclusions only (0.667 ≤ α < 0.800)";
  return "not reliable enough to draw conclusions (α < 0.667)";
}

/** The reading shown beside a κ: its band, named as a convention. */
export const readKappa = (kappa: number | null): string | undefined =>
  kappa === null ? undefined : `${landisKochBand(kappa)} agreement on the Landis–Koch bands (a convention: 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, above 0.80 almost perfect)`;

/** The reading shown beside an α: Krippendorff's guideline, named as a convention. */
export const readAlpha = (alpha: number | null): string | undefined => (alpha === null ? undefined : `${krippendorffReading(alpha)}, on Krippendorff's guideline (a convention)`);
