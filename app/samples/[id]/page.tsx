import Link from "next/link";
import { AdjudicationList } from "@/components/samples/AdjudicationList";
import { GoldPanel } from "@/components/samples/GoldPanel";
import { JudgeVerdicts } from "@/components/samples/JudgeVerdicts";
import { PrelabelPanel } from "@/components/samples/PrelabelPanel";
import { QueueHistory } from "@/components/samples/QueueHistory";
import { RiskBadge } from "@/components/samples/RiskBadge";
import { RouteLabel } from "@/components/samples/RouteLabel";
import { SampleBody } from "@/components/samples/SampleBody";
import { SampleDiscussion } from "@/components/samples/SampleDiscussion";
import { SampleSection } from "@/components/samples/SampleSection";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { notFoundOnMissing } from "@/lib/http/not-found-on-missing";
import { getSample } from "@/lib/services/samples/get-sample";

export const dynamic = "force-dynamic";

export default async function SamplePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/samples/${encodeURIComponent(id)}`);
  const sample = await getSample(actor, id).catch(notFoundOnMissing);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Link href="/samples" className="text-xs text-sky-800 hover:underline">
          ← Samples
        </Link>
        <h1 className="font-mono text-base font-semibold">{sample.externalId}</h1>
        <RouteLabel route={sample.route} />
        <span className="text-xs text-slate-600">
          consensus <RiskBadge value={sample.consensus} />
        </span>
        <dl className="flex flex-wrap gap-x-3 text-xs text-slate-600">
          {(
            [
              ["dataset", sample.dataset],
              ["category", sample.category],
              ["image", sample.attack ? `${sample.imageCondition} · ${sample.attack}` : sample.imageCondition],
              ["source", sample.source],
              ["model", sample.model],
            ] as const
          ).map(([term, value]) =>
            value ? (
              <div key={term} className="flex gap-1">
                <dt className="text-slate-600">{term}</dt>
                <dd>{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </div>

      {sample.reference && (
        <SampleSection title="Reference label">
          <p className="flex items-center gap-2 rounded border border-emerald-200 bg-emerald-50/40 p-3 text-sm" data-testid="reference-label">
            <RiskBadge value={sample.reference.judgment} />
            <span className="text-slate-700">from {sample.reference.source}: the ground truth this sample&apos;s pre-labels are scored against</span>
          </p>
        </SampleSection>
      )}

      {/* Above 900 px the judges sit side by side over the trace; below, one under the other right after it
          (two renderings, one shown at a time: display none keeps the other out of the accessibility tree). */}
      <div className="flex flex-col gap-4">
        {sample.judges.length > 0 && (
          <div className="hidden min-[900px]:block">
            <SampleSection title="Judges">
              <JudgeVerdicts judges={sample.judges} route={sample.route} />
            </SampleSection>
          </div>
        )}

        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="space-y-4">
            <SampleBody
              sample={sample}
              marks={sample.adjudications.flatMap((adjudication) => (adjudication.span ? [{ start: adjudication.span[0], end: adjudication.span[1], label: `${adjudication.expert} (${adjudication.round} opinion)` }] : []))}
            />
            {sample.judges.length > 0 && (
              <div className="min-[900px]:hidden">
                <SampleSection title="Judges" idSuffix="-narrow">
                  <JudgeVerdicts judges={sample.judges} route={sample.route} />
                </SampleSection>
              </div>
            )}
          </div>
          <div className="space-y-4">
            <SampleSection title="Guard pre-label">
              <PrelabelPanel prelabels={sample.prelabels} />
            </SampleSection>
            <SampleSection title="Adjudications">
              {sample.adjudicationsHidden ? (
                <p className="text-sm text-slate-500">Hidden while you give the second opinion.</p>
              ) : (
                <AdjudicationList adjudications={sample.adjudications} />
              )}
            </SampleSection>
            {can("gold:read", actor.role) && (
              <SampleSection title="Gold">
                <GoldPanel sampleId={sample.id} gold={sample.gold} canPromote={can("quality:manage", actor.role) && sample.judges.length > 0 && sample.adjudications.length > 0} />
              </SampleSection>
            )}
            {can("audit:read", actor.role) && (
              <Link href={`/admin/audit?entityType=sample&entityId=${sample.id}`} className="text-xs text-sky-800 hover:underline">
                Audit trail of this sample
              </Link>
            )}
            <SampleSection title="Queue history">
              <QueueHistory sampleId={sample.id} skips={sample.skips} flags={sample.flags} canResolve={can("flag:resolve", actor.role)} />
            </SampleSection>
            <SampleSection title="Discussion">
              <SampleDiscussion sampleId={sample.id} canWrite={can("comment:write", actor.role)} />
            </SampleSection>
          </div>
        </div>
      </div>
    </div>
  );
}
