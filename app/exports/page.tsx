import { ExportConsole } from "@/components/exports/ExportConsole";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listExports } from "@/lib/services/exports/get-export";
import { getExportProfile } from "@/lib/services/exports/get-export-profile";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  const actor = await requirePageActor("/exports");
  if (!can("export:create", actor.role)) {
    return <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">Exports are for admins. Your role is {actor.role}.</p>;
  }
  const [options, history, profile] = await Promise.all([listFilterOptions(actor), listExports(actor), getExportProfile(actor)]);
  return <ExportConsole datasets={options.datasets} initialHistory={history} profile={profile} />;
}
