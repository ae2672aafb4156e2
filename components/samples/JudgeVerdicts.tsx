import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { JudgeCard } from "./JudgeCard";

/** The judges side by side on the sample page. */
export function JudgeVerdicts({ judges, route }: { judges: SampleDetail["judges"]; route: string }) {
  return (
    <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${Math.min(judges.length, 3)}, minmax(0, 1fr))` }}>
      {judges.map((judge) => (
        <JudgeCard key={judge.name} judge={judge} route={route} label={judge.name} ariaLabel={`Judge ${judge.name}`} />
      ))}
    </div>
  );
}
