import { PasswordForm } from "@/components/account/PasswordForm";
import { TokenManager } from "@/components/account/TokenManager";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listOwnTokens } from "@/lib/services/tokens/list-tokens";

export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const actor = await requirePageActor("/account");
  const tokens = await listOwnTokens(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-base font-semibold">Your account: {actor.email}</h1>
      <PasswordForm />
      <TokenManager initial={tokens} />
    </div>
  );
}
