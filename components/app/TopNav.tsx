import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/permissions";
import { InboxLink } from "./InboxLink";
import { NavMenu } from "./NavMenu";
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
  const links = actor ? LINKS.filter((link) => can(link.action, actor.role)).map(({ href, label }) => ({ href, label })) : [];
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex min-h-[44px] max-w-[1600px] items-center gap-6 px-4">
        <Link href="/samples" className="shrink-0 font-semibold tracking-tight text-slate-900">
          GuardTrace Studio
        </Link>
        {actor && (
          <NavMenu
            links={links}
            inbox={<InboxLink />}
            account={
              <>
                <Link href="/account" className="text-slate-600 hover:text-slate-900">
                  {actor.email} · <span className="font-medium text-slate-700">{actor.role}</span>
                </Link>
                <SignOutButton />
              </>
            }
          />
        )}
      </nav>
    </header>
  );
}
