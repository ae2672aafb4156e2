import { AcceptInvitationForm } from "@/components/auth/AcceptInvitationForm";
import { PageNotice } from "@/components/app/PageNotice";
import { NotFoundError } from "@/lib/errors";
import { describeInvitation } from "@/lib/services/users/accept-invitation";

export const dynamic = "force-dynamic";

/** Where an invitation link lands (docs/security.md): no sign-in, since the link is the credential. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(token).catch((error: unknown) => {
    if (error instanceof NotFoundError) return error;
    throw error;
  });
  return (
    <div className="mx-auto mt-16 max-w-sm space-y-4">
      <h1 className="text-lg font-semibold">Set your password</h1>
      {invitation instanceof NotFoundError ? <PageNotice tone="warning">{invitation.message}</PageNotice> : <AcceptInvitationForm token={token} email={invitation.email} />}
    </div>
  );
}
