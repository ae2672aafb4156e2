import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { appOrigin } from "@/lib/auth/app-origin";
import { oidcDisplayName, oidcEnabled } from "@/lib/auth/oidc-provider";
import { actorFromSession } from "@/lib/auth/request-actor";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { countUsers } from "@/lib/services/users/count-users";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only paths on this origin: an open redirect after sign-in would be a phishing aid.
  const callbackUrl = safeRedirectPath(params.callbackUrl, appOrigin(), "/samples");
  if (await actorFromSession()) redirect(callbackUrl);
  const noUsers = (await countUsers()) === 0;
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      {noUsers && (
        <div role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">No users yet.</p>
          <p className="mt-1">Create the first admin from a terminal in the project folder:</p>
          <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono text-xs">
            echo &apos;a-long-password&apos; | npm run gts -- user add you@example.com --role admin
          </pre>
        </div>
      )}
      <SignInForm callbackUrl={callbackUrl} oidcName={oidcEnabled() ? oidcDisplayName() : null} initialError={typeof params.error === "string" ? params.error : null} />
    </div>
  );
}
