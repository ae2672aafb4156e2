import { ImportConsole } from "@/components/imports/ImportConsole";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { serverImportDir } from "@/lib/paths";
import { listImports } from "@/lib/services/import/list-imports";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const actor = await requirePageActor("/imports");
  if (!can("sample:import", actor.role)) {
    return <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">Imports are for admins. Your role is {actor.role}.</p>;
  }
  return <ImportConsole initialHistory={await listImports(actor)} importDir={serverImportDir()} />;
}
