"use client";

import Link from "next/link";
import { useState } from "react";
import { ApiError, apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { formProblems } from "@/components/app/form-problems";
import { acceptInvitationSchema } from "@/lib/services/users/user.schema";

/** The page an invitation link opens: the invited user chooses a password, then signs in. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) return setError("The two passwords differ.");
    const problem = formProblems(acceptInvitationSchema, { password }, { password: "Password" });
    if (problem) return setError(problem);
    setPending(true);
    setError(null);
    try {
      await apiJson(`/api/v1/invitations/${encodeURIComponent(token)}`, { method: "POST", body: JSON.stringify({ password }) });
      setDone(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "Something went wrong. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <p role="status" className="text-sm">
        Your password is set. <Link href="/signin" className="text-sky-800 underline">Sign in as {email}</Link>.
      </p>
    );
  }
  return (
    <form action={submit} className="space-y-3" aria-label="Set your password">
      <p className="text-sm">
        You are invited as <strong>{email}</strong>. Choose a password of at least 10 characters; this link works once.
      </p>
      <FormField label="Password" id="invite-password">
        <input id="invite-password" name="password" type="password" autoComplete="new-password" required className="h-9 w-full rounded border border-slate-300 px-2" />
      </FormField>
      <FormField label="Password again" id="invite-confirm">
        <input id="invite-confirm" name="confirm" type="password" autoComplete="new-password" required className="h-9 w-full rounded border border-slate-300 px-2" />
      </FormField>
      <p role="alert" className="min-h-5 text-sm text-rose-700">
        {error}
      </p>
      <button type="submit" disabled={pending} className="h-9 rounded bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        Set password
      </button>
    </form>
  );
}
