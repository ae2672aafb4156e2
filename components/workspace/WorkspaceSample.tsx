import Link from "next/link";
import type { RefObject } from "react";
import { RouteLabel } from "@/components/samples/RouteLabel";
import { SampleBody } from "@/components/samples/SampleBody";
import type { Claim } from "@/lib/services/queue/claim-next-sample";

type Props = {
  sample: Claim["sample"];
  blind: boolean;
  thinkingRef: RefObject<HTMLDivElement | null>;
  onSelect: () => void;
  /** The span the expert has selected, highlighted before they submit it. */
  selection: [number, number] | null;
  selectionHint: [number, number] | null;
};

/** The claimed sample as the expert reads it: its facets, the question (and image), the thinking as steps, the answer. Text only. */
export function WorkspaceSample({ sample, blind, thinkingRef, onSelect, selection, selectionHint }: Props) {
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
      <SampleBody
        sample={sample}
        titlesHidden
        thinkingRef={thinkingRef}
        marks={selection ? [{ start: selection[0], end: selection[1], label: "your selection" }] : []}
        onThinkingMouseUp={onSelect}
        thinkingNote={selectionHint && <p className="mt-2 text-xs text-sky-800">Selected characters {selectionHint[0]}–{selectionHint[1]}: press c to mark them in a correction.</p>}
      />
    </div>
  );
}
