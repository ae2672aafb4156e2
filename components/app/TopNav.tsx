import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "./SignOutButton";

export function TopNav({ actor }: { actor: Actor | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-11 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/samples" className="font-semibold tracking-tight text-slate-900">
          GuardTrace Studio
        </Link>
        {actor && (
          <Link href="/samples" className="text-slate-600 hover:text-slate-900">
            Samples
          </Link>
        )}
        {actor && can("stats:read", actor.role) && (
          <Link href="/dashboard" className="text-slate-600 hover:text-slate-900">
            Dashboard
          </Link>
        )}
        {actor && can("stats:read", actor.role) && (
          <Link href="/prelabels" className="text-slate-600 hover:text-slate-900">
            Pre-labels
          </Link>
        )}
        {actor && can("export:create", actor.role) && (
          <Link href="/exports" className="text-slate-600 hover:text-slate-900">
            Exports
          </Link>
        )}
        {actor && can("sample:adjudicate", actor.role) && (
          <Link href="/queue" className="text-slate-600 hover:text-slate-900">
            Queue
          </Link>
        )}
        <div className="ml-auto flex items-center gap-3 text-xs">
          {actor && (
            <>
              <span className="text-slate-500">
                {actor.email} · <span className="font-medium text-slate-700">{actor.role}</span>
              </span>
              <SignOutButton />
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
