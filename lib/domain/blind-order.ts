/**
 * The order blind mode shows a sample's judges in for one expert: a permutation of 0…count−1 drawn from
 * a hash of (expert, sample), so that it is the same on every reload and differs between experts and
 * between samples, and "Judge A" is not always the same model. Not a secret: blind mode guards against
 * anchoring on a name, not against a determined reader.
 */
export function blindOrder(expertId: string, sampleId: number, count: number): number[] {
  let state = fnv1a(`${expertId}:${sampleId}`);
  const next = () => {
    // mulberry32: a small, well-mixed generator from a 32-bit state.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
