"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { formProblems } from "@/components/app/form-problems";
import { ROLES } from "@/lib/auth/permissions";
import type { Invited } from "@/lib/services/users/invite-user";
import { inviteUserSchema } from "@/lib/services/users/user.schema";

/** Adds a user and shows their one-time link to pass on (docs/security.md); the link is not shown again. */
export function InviteUserForm() {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (body: unknown) => apiJson<Invited>("/api/v1/users", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["users"] }),
  });

  function submit(form: FormData) {
    const body = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
    const found = formProblems(inviteUserSchema, body, { email: "Email", role: "Role" });
    setProblem(found);
    if (!found) invite.mutate(body);
  }

  const link = invite.data ? `${window.location.origin}${invite.data.invitePath}` : null;
  return (
    <section aria-labelledby="invite-heading" className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <h2 id="invite-heading" className="text-sm font-semibold">
        Invite a user
      </h2>
      <form action={submit} aria-label="Invite a user" className="flex flex-wrap items-end gap-3">
        <FormField label="Email" id="invite-email">
          <input id="invite-email" name="email" type="email" required className="h-8 w-64 rounded border border-slate-300 px-2 text-sm" />
        </FormField>
        <FormField label="Role" id="invite-role">
          <select id="invite-role" name="role" defaultValue="expert" className="h-8 rounded border border-slate-300 bg-white px-1 text-sm">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </FormField>
        <button type="submit" disabled={invite.isPending} className="h-8 rounded bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          Invite
        </button>
      </form>
      <div role="status" aria-live="polite" className="text-sm">
        {(problem ?? (invite.isError ? invite.error.message : null)) && <p className="text-rose-700">{problem ?? invite.error?.message}</p>}
        {link && invite.data && (
          <div className="space-y-1">
            <p>
              {invite.data.user.email} is added as {invite.data.user.role}. Pass them this link to set their password; it works once, until{" "}
              {new Date(invite.data.expiresAt).toLocaleString()}, and is not shown again.
            </p>
            <label htmlFor="invite-link" className="sr-only">
              Invitation link
            </label>
            <input id="invite-link" data-testid="invite-link" readOnly value={link} onFocus={(event) => event.target.select()} className="h-8 w-full rounded border border-slate-300 bg-slate-50 px-2 font-mono text-xs" />
          </div>
        )}
      </div>
    </section>
  );
}
