import { PrelabelConsole } from "@/components/prelabels/PrelabelConsole";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { getPrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";

export const dynamic = "force-dynamic";

export default async function PrelabelsPage() {
  const actor = await requirePageActor("/prelabels");
  const panel = await getPrelabelPanel(actor);
  return <PrelabelConsole initial={panel} canQueue={can("prelabel:queue", actor.role)} />;
}
