"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiJson } from "@/components/app/api-client";
import type { SampleListPage } from "@/lib/services/samples/list-samples";
import { ImageViewer } from "./ImageViewer";
import { RiskBadge } from "./RiskBadge";
import { RouteLabel } from "./RouteLabel";

async function fetchPage(query: string, cursor: number | null): Promise<SampleListPage> {
  const params = new URLSearchParams(query);
  if (cursor !== null) params.set("cursor", String(cursor));
  return apiJson<SampleListPage>(`/api/v1/samples?${params}`);
}

/** A model's name cut to its family for a narrow chip ("gemini-2.5-pro" → "gemini"); the full name is in the title. */
function abbreviate(name: string): string {
  const family = name.split(/[-_/ ]/)[0] || name;
  return family.length > 8 ? `${family.slice(0, 7)}…` : family;
}

/** The sample list, paged by cursor; the first page comes rendered from the server. */
export function SampleTable({ query, firstPage }: { query: string; firstPage: SampleListPage }) {
  const list = useInfiniteQuery({
    queryKey: ["samples", query],
    queryFn: ({ pageParam }) => fetchPage(query, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });
  const rows = list.data.pages.flatMap((page) => page.items);

  return (
    <div className="rounded border border-slate-200 bg-white">
      {/* On a narrow screen the table scrolls sideways in its box instead of cutting its columns off; the box is
          positioned so that the cells' screen-reader-only labels (placed absolutely) stay inside it. */}
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[60rem] table-fixed text-left">
          <caption className="sr-only">Samples</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-32 px-3 py-2">Id</th>
              <th scope="col" className="px-3 py-2">Question</th>
              <th scope="col" className="w-28 px-3 py-2">Category</th>
              <th scope="col" className="w-40 px-3 py-2">Image</th>
              <th scope="col" className="w-32 px-3 py-2">Route</th>
              <th scope="col" className="w-64 px-3 py-2">Judges</th>
              <th scope="col" className="w-32 px-3 py-2">Pre-label</th>
              <th scope="col" className="w-24 px-3 py-2">Decided</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-sky-50/50">
                <td className="truncate px-3 py-1.5 font-mono text-xs">
                  <Link href={`/samples/${row.id}`} className="text-sky-800 hover:underline">
                    {row.externalId}
                  </Link>
                </td>
                <td className="truncate px-3 py-1.5" title={row.question}>
                  {row.question}
                </td>
                <td className="truncate px-3 py-1.5 text-xs">{row.category}</td>
                <td className="px-3 py-1.5 text-xs">
                  <span className="flex items-center gap-2">
                    {row.imageUrl && <ImageViewer sampleId={row.id} src={row.imageUrl} alt={`Image of sample ${row.externalId}`} size="thumb" />}
                    <span className="truncate">
                      {row.imageCondition}
                      {row.attack && <span className="text-slate-600"> · {row.attack}</span>}
                    </span>
                  </span>
                </td>
                <td className="px-3 py-1.5">
                  <RouteLabel route={row.route} />
                  {row.gold && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">gold</span>}
                </td>
                <td className="px-3 py-1.5">
                  <ul className="flex flex-wrap gap-1" aria-label="Judges">
                    {row.judges.map((judge) => (
                      <li
                        key={judge.name}
                        title={`${judge.name}: ${judge.judgment}${judge.minority ? ", the odd one out" : ""}`}
                        className={`flex items-center gap-0.5 whitespace-nowrap rounded px-0.5 text-[11px] text-slate-700 ${judge.minority ? "ring-1 ring-amber-400" : ""}`}
                      >
                        <span aria-hidden="true">{abbreviate(judge.name)}</span>
                        <span className="sr-only">
                          {judge.name}
                          {judge.minority ? " (minority)" : ""}
                        </span>
                        <RiskBadge value={judge.judgment} compact />
                      </li>
                    ))}
                  </ul>
                  {row.reference && (
                    <span className="flex items-center gap-1 text-xs text-slate-700" title={`reference label from ${row.reference.source}`}>
                      ref <RiskBadge value={row.reference.judgment} compact />
                    </span>
                  )}
                </td>
                <td className="px-3 py-1.5 text-[11px] text-slate-700">
                  {row.prelabel ? (
                    <span className="flex items-center gap-0.5" title={`${row.prelabel.model}: ${row.prelabel.judgment}`}>
                      <span className="truncate">{abbreviate(row.prelabel.model)}</span>
                      <RiskBadge value={row.prelabel.judgment} compact />
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-1.5 text-xs text-slate-600">
                  {row.decisions.length > 0 ? (
                    <span className="flex items-center gap-1">
                      {row.decisions.map((decision) => (
                        <span key={decision.round} title={`${decision.round} opinion: ${decision.judgment}`} className="flex items-center gap-0.5">
                          <span className="sr-only">{decision.round} opinion</span>
                          <RiskBadge value={decision.judgment} compact />
                        </span>
                      ))}
                    </span>
                  ) : row.adjudications > 0 ? (
                    "hidden"
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-8 text-center text-slate-500">
                  No samples match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        <span>
          Showing {rows.length}
          {firstPage.counts ? ` of ${firstPage.counts.total}` : ""}
        </span>
        <span role="status" aria-live="polite" className="text-rose-700">
          {list.isError ? list.error.message : ""}
        </span>
        {list.hasNextPage && (
          <button
            type="button"
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-60"
          >
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
    </div>
  );
}
