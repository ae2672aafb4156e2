import Link from "next/link";
import type { RefObject } from "react";
import { ImageViewer } from "@/components/samples/ImageViewer";
import { RouteLabel } from "@/components/samples/RouteLabel";
import { ThinkingSteps } from "@/components/samples/ThinkingSteps";
import type { Claim } from "@/lib/services/queue/claim-next-sample";

type Props = { sample: Claim["sample"]; blind: boolean; thinkingRef: RefObject<HTMLDivElement | null>; onSelect: () => void; selectionHint: [number, number] | null };

/** The claimed sample as the expert reads it: its facets, the question (and image), the thinking as steps, the answer. Text only. */
export function WorkspaceSample({ sample, blind, thinkingRef, onSelect, selectionHint }: Props) {
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-3 text-xs text-slate-600">
        <Link href={`/samples/${sample.id}`} className="font-mono text-sm font-semibold text-slate-900 hover:underline" data-testid="workspace-sample">
          {sample.externalId}
        </Link>
        <RouteLabel route={sample.route} />
        <span>{sample.category}</span>
        <span>{sample.attack ? `${sample.imageCondition} · ${sample.attack}` : sample.imageCondition}</span>
        {!blind && sample.model && <span>{sample.model}</span>}
      </div>
      <section aria-label="Question" className="flex gap-3 rounded border border-slate-200 bg-white p-3">
        {sample.image && <ImageViewer src={sample.image.url} width={sample.image.width} height={sample.image.height} alt={`Image of sample ${sample.externalId}`} />}
        <p className="whitespace-pre-wrap break-words">{sample.question}</p>
      </section>
      <section aria-label="Thinking" className="rounded border border-slate-200 bg-white p-3 text-[13px] leading-relaxed">
        <div ref={thinkingRef} onMouseUp={onSelect}>
          <ThinkingSteps thinking={sample.thinking} />
        </div>
        {selectionHint && <p className="mt-2 text-xs text-sky-800">Selected characters {selectionHint[0]}–{selectionHint[1]}: press c to mark them in a correction.</p>}
      </section>
      <section aria-label="Answer" className="whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3">
        {sample.answer}
      </section>
    </div>
  );
}
