"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiJson } from "./api-client";
import type { Inbox } from "@/lib/services/discussion/get-inbox";

const REFRESH_MS = 60_000;

/** The nav's link to the inbox, with the count of unread mentions. */
export function InboxLink() {
  const inbox = useQuery({ queryKey: ["inbox"], queryFn: () => apiJson<Inbox>("/api/v1/inbox"), refetchInterval: REFRESH_MS });
  const unread = inbox.data?.unread ?? 0;
  return (
    <Link href="/inbox" className="inline-flex min-h-[44px] shrink-0 items-center text-slate-700 hover:text-slate-900 lg:min-h-0">
      Inbox
      {unread > 0 && (
        <span className="ml-1 rounded-full bg-sky-700 px-1.5 text-[11px] font-medium text-white" data-testid="inbox-unread">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      )}
    </Link>
  );
}
