"use client";

import { useEffect, useRef, useState } from "react";

/** A thumbnail that opens a full-size view; Escape or a click closes it and focus returns to the thumbnail. */
export function ImageViewer({ src, width, height, alt }: { src: string; width: number; height: number; alt: string }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="block cursor-zoom-in rounded border border-slate-200 bg-white p-1" aria-label="Zoom image">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our authenticated route, not by the image optimiser */}
        <img src={src} alt={alt} width={width} height={height} className="h-56 w-56 object-contain" />
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        onClick={() => setOpen(false)}
        aria-label="Image, full size"
        className="m-auto max-h-[95vh] max-w-[95vw] cursor-zoom-out bg-transparent p-0 backdrop:bg-slate-900/80"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
        <img src={src} alt={alt} width={width} height={height} className="max-h-[95vh] max-w-[95vw] object-contain" />
      </dialog>
    </>
  );
}
