"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

/** `inbox` stays on the bar at every width: its unread count must not hide in a closed menu. */
type Props = { links: { href: string; label: string }[]; inbox: ReactNode; account: ReactNode };

/**
 * The main links: a row on a wide screen, a "Menu" disclosure below 1024 px, where eight links and the
 * account do not fit on one line. The menu closes when a link in it is followed, and on Escape.
 */
export function NavMenu({ links, inbox, account }: Props) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  const current = (href: string) => (pathname === href || pathname.startsWith(`${href}/`) ? "page" : undefined);

  return (
    <>
      <ul className="hidden items-center gap-6 lg:flex">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={current(link.href)} className="text-slate-700 hover:text-slate-900 aria-[current=page]:font-medium aria-[current=page]:text-slate-900">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      {/* One inbox link for every width: after the links on a wide screen, beside the menu button on a narrow one. */}
      <span className="ml-auto lg:ml-0">{inbox}</span>
      <div className="hidden items-center gap-3 text-xs lg:ml-auto lg:flex">{account}</div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="nav-menu"
        onClick={() => setOpen((value) => !value)}
        className="min-h-[44px] rounded border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 lg:hidden"
      >
        Menu
      </button>
      {open && (
        <div id="nav-menu" className="absolute inset-x-0 top-full z-20 border-b border-slate-200 bg-white shadow-md lg:hidden">
          <ul className="mx-auto max-w-[1600px] px-4 py-2">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} onClick={() => setOpen(false)} aria-current={current(link.href)} className="flex min-h-[44px] items-center text-slate-800 aria-[current=page]:font-semibold">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-3 border-t border-slate-100 px-4 py-2 text-sm">{account}</div>
        </div>
      )}
    </>
  );
}
