import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { JudgeCard } from "./JudgeCard";

// Written out whole, so Tailwind finds them: side by side from 900 px, three to a row at most.
const COLUMNS = ["", "min-[900px]:grid-cols-1", "min-[900px]:grid-cols-2", "min-[900px]:grid-cols-3"];

/** The judges on the sample page: side by side on a wide screen, one under the other below 900 px. */
export function JudgeVerdicts({ judges, route }: { judges: SampleDetail["judges"]; route: string }) {
  return (
    <div className={`grid grid-cols-1 gap-3 ${COLUMNS[Math.min(judges.length, 3)]}`}>
      {judges.map((judge) => (
        <JudgeCard key={judge.name} judge={judge} route={route} label={judge.name} ariaLabel={`Judge ${judge.name}`} />
      ))}
    </div>
  );
}
