import { InviteUserForm } from "@/components/account/InviteUserForm";
import { UserTable } from "@/components/account/UserTable";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listUsers } from "@/lib/services/users/list-users";
import { PageNotice } from "@/components/app/PageNotice";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requirePageActor("/admin/users");
  if (!can("user:manage", actor.role)) return <PageNotice tone="warning">User management is for admins.</PageNotice>;
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">Users</h1>
      <InviteUserForm />
      <p className="text-xs text-slate-600">
        Also: <code>npm run gts -- user add EMAIL --role ROLE</code> (password on stdin), or sign-in through OIDC.
      </p>
      <UserTable initial={await listUsers(actor)} selfId={actor.userId} />
    </div>
  );
}
