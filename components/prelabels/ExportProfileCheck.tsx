import type { PrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";
import { DataTable } from "@/components/app/DataTable";
import { PromptHash } from "./PromptHash";

/** Recent exports against the current pre-label model's profile: training data written with another prompt trains another guard. */
export function ExportProfileCheck({ exports, current }: { exports: NonNullable<PrelabelPanel["exports"]>; current: PrelabelPanel["current"] }) {
  const flagged = exports.filter((item) => item.matchesCurrentModel === false).length;
  return (
    <section aria-labelledby="export-profiles" className="space-y-2">
      <h2 id="export-profiles" className="text-sm font-semibold">Exports and the current model&apos;s profile</h2>
      <p className="text-xs text-slate-700" role="status">
        {current ? `Current pre-label model: ${current.model} ${current.version}. ` : "The current pre-label model is not known. "}
        {flagged > 0 ? `${flagged} recent export(s) used a different profile.` : "No recent export used a different profile."}
      </p>
      {exports.length > 0 && (
        <DataTable caption="Recent exports and their guard profiles" columns={[{ label: "exported" }, { label: "kind" }, { label: "profile" }, { label: "against the current model" }]}>
          <tbody>
            {exports.map((item) => (
              <tr key={item.id} className="border-t border-slate-100" data-testid="export-profile-row">
                <td className="px-2 py-1 font-mono">{new Date(item.createdAt).toLocaleString()}</td>
                <td className="px-2 py-1">
                  {item.kind} · {item.format}
                </td>
                <td className="px-2 py-1">
                  {item.profile ? (
                    <>
                      {item.profile.name} · <PromptHash sha256={item.profile.systemPromptSha256} />
                    </>
                  ) : (
                    <span className="text-slate-600">not recorded</span>
                  )}
                </td>
                <td className="px-2 py-1">
                  {item.matchesCurrentModel === false ? (
                    <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">different profile</span>
                  ) : item.matchesCurrentModel ? (
                    <span className="text-emerald-800">same profile</span>
                  ) : (
                    <span className="text-slate-600">not comparable</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
