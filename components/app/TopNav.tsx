import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/permissions";
import { InboxLink } from "./InboxLink";
import { SignOutButton } from "./SignOutButton";

const LINKS: { href: string; label: string; action: Action }[] = [
  { href: "/samples", label: "Samples", action: "sample:read" },
  { href: "/dashboard", label: "Dashboard", action: "stats:read" },
  { href: "/prelabels", label: "Pre-labels", action: "stats:read" },
  { href: "/imports", label: "Imports", action: "sample:import" },
  { href: "/exports", label: "Exports", action: "export:create" },
  { href: "/queue", label: "Queue", action: "sample:adjudicate" },
  { href: "/admin/users", label: "Users", action: "user:manage" },
  { href: "/admin/audit", label: "Audit", action: "audit:read" },
];

export function TopNav({ actor }: { actor: Actor | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On a narrow screen the bar scrolls sideways instead of wrapping its links over each other; it is
          positioned so that an absolutely placed child (a screen-reader-only label) scrolls with it instead of
          widening the page. */}
      <nav aria-label="Main" className="relative mx-auto flex h-11 max-w-[1600px] items-center gap-6 overflow-x-auto whitespace-nowrap px-4">
        <Link href="/samples" className="shrink-0 font-semibold tracking-tight text-slate-900">
          GuardTrace Studio
        </Link>
        {actor &&
          LINKS.filter((link) => can(link.action, actor.role)).map((link) => (
            <Link key={link.href} href={link.href} className="shrink-0 text-slate-600 hover:text-slate-900">
              {link.label}
            </Link>
          ))}
        {actor && <InboxLink />}
        <div className="ml-auto flex shrink-0 items-center gap-3 text-xs">
          {actor && (
            <>
              <Link href="/account" className="text-slate-500 hover:text-slate-900">
                {actor.email} · <span className="font-medium text-slate-700">{actor.role}</span>
              </Link>
              <SignOutButton />
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
