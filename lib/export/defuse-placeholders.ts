/**
 * LLaMA-Factory counts its placeholders in every turn and requires one image (video, audio) per `<image>`
 * (`<video>`, `<audio>`); a trace that merely quotes one aborts training. A zero-width space after the
 * `<` keeps the text readable and no longer matches. The placeholder our own rows put before an image
 * turn is added after this, so it is the only real one.
 */
const PLACEHOLDERS = /<(image|video|audio)>/g;

/** Texts that held a placeholder and were changed, for the manifest. */
export type DefuseTally = { texts: number };

export function placeholderDefuser(tally: DefuseTally) {
  return (text: string): string => {
    if (!text.includes("<")) return text;
    const defused = text.replace(PLACEHOLDERS, "<\u200b$1>");
    if (defused !== text) tally.texts += 1;
    return defused;
  };
}
