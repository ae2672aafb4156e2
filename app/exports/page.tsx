import { ExportConsole } from "@/components/exports/ExportConsole";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listExports } from "@/lib/services/exports/get-export";
import { getExportProfile } from "@/lib/services/exports/get-export-profile";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";
import { PageNotice } from "@/components/app/PageNotice";

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  const actor = await requirePageActor("/exports");
  if (!can("export:create", actor.role)) {
    return <PageNotice tone="warning">Exports are for admins. Your role is {actor.role}.</PageNotice>;
  }
  const [options, history, profile] = await Promise.all([listFilterOptions(actor), listExports(actor), getExportProfile(actor)]);
  return <ExportConsole datasets={options.datasets} initialHistory={history} profile={profile} />;
}
