/**
 * The tokens an image costs a Qwen2.5-VL model, as its image processor computes them: the image is
 * resized so that both sides are multiples of 28 pixels (14-pixel patches, merged 2×2 into one token) and
 * its area stays within the processor's default bounds, 56×56 to 28×28×16,384 pixels; then one token per
 * 28×28 cell, plus the vision start and end tokens around them.
 */
const CELL = 28;
const MIN_PIXELS = 56 * 56;
const MAX_PIXELS = 28 * 28 * 16_384;
const VISION_MARKERS = 2;

export function imageTokens(width: number, height: number): number {
  let w = Math.max(CELL, Math.round(width / CELL) * CELL);
  let h = Math.max(CELL, Math.round(height / CELL) * CELL);
  if (w * h > MAX_PIXELS) {
    const beta = Math.sqrt((width * height) / MAX_PIXELS);
    w = Math.max(CELL, Math.floor(width / beta / CELL) * CELL);
    h = Math.max(CELL, Math.floor(height / beta / CELL) * CELL);
  } else if (w * h < MIN_PIXELS) {
    const beta = Math.sqrt(MIN_PIXELS / (width * height));
    w = Math.ceil((width * beta) / CELL) * CELL;
    h = Math.ceil((height * beta) / CELL) * CELL;
  }
  return (w / CELL) * (h / CELL) + VISION_MARKERS;
}
