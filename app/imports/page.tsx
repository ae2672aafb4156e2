import { ImportConsole } from "@/components/imports/ImportConsole";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { serverImportDir } from "@/lib/paths";
import { listImports } from "@/lib/services/import/list-imports";
import { PageNotice } from "@/components/app/PageNotice";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const actor = await requirePageActor("/imports");
  if (!can("sample:import", actor.role)) {
    return <PageNotice tone="warning">Imports are for admins. Your role is {actor.role}.</PageNotice>;
  }
  return <ImportConsole initialHistory={await listImports(actor)} importDir={serverImportDir()} />;
}
