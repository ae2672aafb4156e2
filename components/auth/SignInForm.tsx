"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { credentialsSchema } from "@/lib/auth/credentials-schema";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Email or password is wrong, or the account is disabled.",
  AccessDenied: "This account may not sign in: it is disabled, or the identity provider gave no email.",
  OAuthSignin: "Single sign-on could not start: the identity provider did not answer. Try again later.",
  OAuthCallback: "Single sign-on did not complete: the identity provider refused the app's credentials or the answer expired. Try again; if it keeps failing, an admin should check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.",
};

export function SignInForm({ callbackUrl, oidcName, initialError }: { callbackUrl: string; oidcName: string | null; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError ? (MESSAGES[initialError] ?? "Sign-in failed. Try again.") : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Fill in both fields.");
      return;
    }
    setPending(true);
    setError(null);
    // With redirect off, next-auth reads the error from the URL it returns, which defaults to this page's:
    // after a failed single sign-on that is `/signin?error=…`, and a good password would read as that error.
    const result = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
    setPending(false);
    if (!result || result.error) {
      const code = result?.error ?? "";
      setError(MESSAGES[code] ?? (code.startsWith("Too many") ? code : MESSAGES.CredentialsSignin!));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <div className="rounded border border-slate-200 bg-white p-4 shadow-sm">
      <form onSubmit={onSubmit} noValidate aria-label="Sign in" className="space-y-3">
        <div>
          <label htmlFor="email" className="block text-xs font-medium text-slate-700">
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
        </div>
        <div>
          <label htmlFor="password" className="block text-xs font-medium text-slate-700">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
        </div>
        <p role="alert" aria-live="assertive" className="min-h-5 text-sm text-rose-700">
          {error}
        </p>
        <button type="submit" disabled={pending} className="w-full rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl })}
          className="mt-3 w-full rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
        >
          Sign in with {oidcName}
        </button>
      )}
    </div>
  );
}
