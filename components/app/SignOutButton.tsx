"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="min-h-[44px] rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900 lg:min-h-0"
    >
      Sign out
    </button>
  );
}
