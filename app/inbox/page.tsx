import Link from "next/link";
import { DataTable } from "@/components/app/DataTable";
import { requirePageActor } from "@/lib/auth/request-actor";
import { getInbox } from "@/lib/services/discussion/get-inbox";

export const dynamic = "force-dynamic";

/** The threads that mention the reader, unread first: opening one marks its mentions read. */
export default async function InboxPage() {
  const actor = await requirePageActor("/inbox");
  const inbox = await getInbox(actor);
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">
        Inbox <span className="text-sm font-normal text-slate-600">· {inbox.unread} unread</span>
      </h1>
      <DataTable columns={[{ label: "sample" }, { label: "dataset" }, { label: "unread", numeric: true }, { label: "latest" }]} caption="Threads that mention you">
        <tbody>
          {inbox.threads.map((thread) => (
            <tr key={thread.sampleId} className={`border-t border-slate-100 ${thread.unread > 0 ? "font-medium" : ""}`}>
              <td className="px-2 py-1.5">
                <Link href={`/samples/${thread.sampleId}`} className="font-mono text-sky-800 hover:underline">
                  {thread.externalId}
                </Link>
              </td>
              <td className="px-2">{thread.dataset}</td>
              <td className="px-2 text-right font-mono">{thread.unread > 0 ? thread.unread : "—"}</td>
              <td className="px-2 py-1.5">
                <span className="text-slate-600">
                  {thread.lastAuthor}, <time dateTime={thread.lastAt}>{new Date(thread.lastAt).toLocaleString("en-GB")}</time>:
                </span>{" "}
                <span className="whitespace-pre-wrap break-words font-normal">{thread.lastBody}</span>
              </td>
            </tr>
          ))}
          {inbox.threads.length === 0 && (
            <tr>
              <td colSpan={4} className="px-2 py-6 text-center text-slate-500">
                Nobody has mentioned you yet. A comment with @{actor.email} shows here.
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
    </div>
  );
}
