import type { ReactNode, RefObject } from "react";
import type { SpanMark } from "@/lib/domain/span-marks";
import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { ImageViewer } from "./ImageViewer";
import { SampleSection } from "./SampleSection";
import { ThinkingSteps } from "./ThinkingSteps";

type Props = {
  sample: Pick<SampleDetail, "id" | "externalId" | "image" | "question" | "thinking" | "answer">;
  /** The workspace names the parts for screen readers only; the sample page shows their titles. */
  titlesHidden?: boolean;
  /** The workspace reads a selection in the thinking as a span. */
  thinkingRef?: RefObject<HTMLDivElement | null>;
  onThinkingMouseUp?: () => void;
  thinkingNote?: ReactNode;
  /** Spans to highlight in the thinking: the experts' on the sample page, the expert's selection in the workspace. */
  marks?: SpanMark[];
};

/** The question (with its image), the thinking as numbered steps and the answer: as text, never as HTML. The sample page and the workspace show a sample with it. */
export function SampleBody({ sample, titlesHidden = false, thinkingRef, onThinkingMouseUp, thinkingNote, marks = [] }: Props) {
  return (
    <div className="space-y-3">
      <SampleSection title="Question" titleHidden={titlesHidden}>
        <div className="flex gap-3 rounded border border-slate-200 bg-white p-3">
          {sample.image && (
            <div className="shrink-0">
              {/* Keyed by the sample: the next sample's image starts blurred again. */}
              <ImageViewer key={sample.id} sampleId={sample.id} src={sample.image.url} width={sample.image.width} height={sample.image.height} alt={`Image of sample ${sample.externalId}`} hotkey />
            </div>
          )}
          <p className="whitespace-pre-wrap break-words" data-testid="question">
            {sample.question}
          </p>
        </div>
      </SampleSection>
      <SampleSection title="Thinking" titleHidden={titlesHidden}>
        <div className="rounded border border-slate-200 bg-white p-3 text-[13px] leading-relaxed">
          <div ref={thinkingRef} onMouseUp={onThinkingMouseUp}>
            <ThinkingSteps thinking={sample.thinking} marks={marks} />
          </div>
          {thinkingNote}
        </div>
      </SampleSection>
      <SampleSection title="Answer" titleHidden={titlesHidden}>
        <p className="whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3" data-testid="answer">
          {sample.answer}
        </p>
      </SampleSection>
    </div>
  );
}
