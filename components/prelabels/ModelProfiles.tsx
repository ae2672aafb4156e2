import type { PrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";
import { DataTable } from "@/components/app/DataTable";
import { PromptHash } from "./PromptHash";

/** Each model version with the profile its pre-labels were produced with: a guard queried with another prompt is another guard. */
export function ModelProfiles({ models }: { models: PrelabelPanel["models"] }) {
  return (
    <section aria-labelledby="model-profiles" className="space-y-2">
      <h2 id="model-profiles" className="text-sm font-semibold">Model versions and their profiles</h2>
      {models.length === 0 ? (
        <p className="text-xs text-slate-600">No pre-labels yet.</p>
      ) : (
        <DataTable caption="Model versions and the guard profiles their pre-labels were produced with" columns={[{ label: "model version" }, { label: "pre-labels", numeric: true }, { label: "profile" }]}>
          <tbody>
            {models.map((model) => (
              <tr key={`${model.model}:${model.version}`} className="border-t border-slate-100 align-top" data-testid="model-profile-row">
                <td className="px-2 py-1 font-mono">
                  {model.model} {model.version}
                  {model.current && <span className="ml-2 rounded bg-sky-100 px-1 py-0.5 font-sans text-[11px] text-sky-900">current</span>}
                </td>
                <td className="px-2 py-1 text-right font-mono">{model.labelled}</td>
                <td className="px-2 py-1">
                  {model.profiles.length > 1 && (
                    <p role="note" className="mb-1 text-amber-800">
                      {model.profiles.length} different prompts under one version: their pre-labels come from different guards.
                    </p>
                  )}
                  {model.profiles.map((profile) => (
                    <details key={profile.systemPromptSha256} className="mb-1">
                      <summary className="cursor-pointer">
                        <span className="font-medium">{profile.name ?? "unnamed profile"}</span> · prompt <PromptHash sha256={profile.systemPromptSha256} />
                      </summary>
                      {profile.systemPrompt !== null ? (
                        <div className="mt-1 space-y-1">
                          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-[11px]">{profile.systemPrompt}</pre>
                          <p>
                            completion template: <code className="whitespace-pre-wrap break-words font-mono text-[11px]">{profile.completionTemplate}</code>
                          </p>
                        </div>
                      ) : (
                        <p className="mt-1 text-slate-600">This prompt was not recorded by a worker here (imported pre-labels).</p>
                      )}
                    </details>
                  ))}
                  {model.unprompted && <p className="text-slate-600">{model.profiles.length > 0 ? "and some without a prompt" : "no prompt: a classifier, or imported pre-labels"}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
