"use client";

import { useEffect, useRef, useState } from "react";
import { useViewing } from "@/components/viewing/ViewingContext";
import { recordReveal } from "@/components/viewing/reveal-image";

type Props = {
  sampleId: number;
  src: string;
  /** The image's size, when known, so the page does not shift as it loads. */
  width?: number;
  height?: number;
  alt: string;
  /** A list row's thumbnail, or the sample's own image. */
  size?: "thumb" | "large";
  /** The page's one image answers the `v` key (the sample page, the workspace); a list's many do not. */
  hotkey?: boolean;
};

const SIZES = { thumb: "h-10 w-10", large: "h-56 w-56" };

/**
 * A sample's image under safe viewing (docs/safe-viewing.md): blurred until revealed by a click or `v`
 * (each reveal recorded), unless the user keeps images revealed; grayscale when they chose it. Once
 * revealed, a click opens the full-size view; Escape or a click closes it and focus returns here.
 */
export function ImageViewer({ sampleId, src, width, height, alt, size = "large", hotkey = false }: Props) {
  const { revealImages, grayscaleImages } = useViewing();
  const [revealed, setRevealed] = useState(false);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const shown = revealImages || revealed;

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  useEffect(() => {
    if (!hotkey || revealImages) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== "v" || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (document.querySelector("dialog[open]") || target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      setRevealed((current) => !current);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [hotkey, revealImages]);

  // Each reveal is an exposure record; one kept revealed by the user's preference was recorded as that choice.
  useEffect(() => {
    if (revealed && !revealImages) recordReveal(sampleId);
  }, [revealed, revealImages, sampleId]);

  const tone = grayscaleImages ? "grayscale" : "";
  // Blurred, the image is decoration: the button that reveals it carries the name.
  const image = (className: string, decorative = false) => (
    // eslint-disable-next-line @next/next/no-img-element -- served by our authenticated route, not by the image optimiser
    <img src={src} alt={decorative ? "" : alt} width={width} height={height} className={`${className} ${tone}`} />
  );

  if (!shown) {
    return (
      <button
        type="button"
        onClick={() => setRevealed(true)}
        className={`relative block overflow-hidden rounded border border-slate-300 bg-slate-100 ${size === "thumb" ? "h-11 w-11 p-0.5" : "p-1"}`}
        // A thumbnail has no room for words: its name says what the click does.
        aria-label={size === "thumb" ? `Reveal the ${alt.charAt(0).toLowerCase()}${alt.slice(1)}` : undefined}
        aria-keyshortcuts={hotkey ? "v" : undefined}
        data-testid="image-blurred"
      >
        {image(`${SIZES[size]} object-contain blur-xl`, true)}
        {size === "large" && (
          <span className="absolute inset-x-1 bottom-1 rounded bg-white/90 px-2 py-1 text-center text-xs font-medium text-slate-800">
            Reveal image{hotkey ? " (v)" : ""}
          </span>
        )}
      </button>
    );
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`block cursor-zoom-in rounded border border-slate-200 bg-white ${size === "thumb" ? "h-11 w-11 p-0.5" : "p-1"}`}
        aria-label="Zoom image"
        data-testid="image-revealed"
      >
        {image(`${SIZES[size]} object-contain`)}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        onClick={() => setOpen(false)}
        aria-label="Image, full size"
        className="m-auto max-h-[95vh] max-w-[95vw] cursor-zoom-out bg-transparent p-0 backdrop:bg-slate-900/80"
      >
        {image("max-h-[95vh] max-w-[95vw] object-contain")}
      </dialog>
    </>
  );
}
