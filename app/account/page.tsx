import { PasswordForm } from "@/components/account/PasswordForm";
import { SessionsPanel } from "@/components/account/SessionsPanel";
import { TokenManager } from "@/components/account/TokenManager";
import { ViewingPreferencesForm } from "@/components/account/ViewingPreferencesForm";
import { requirePageActor } from "@/lib/auth/request-actor";
import { countUserSessions } from "@/lib/auth/sessions";
import { listOwnTokens } from "@/lib/services/tokens/list-tokens";

export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const actor = await requirePageActor("/account");
  const [tokens, sessions] = await Promise.all([listOwnTokens(actor), countUserSessions(actor.userId!)]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-base font-semibold">Your account: {actor.email}</h1>
      <ViewingPreferencesForm />
      <PasswordForm />
      <SessionsPanel active={sessions} />
      <TokenManager initial={tokens} />
    </div>
  );
}
