"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TokenView } from "@/lib/services/tokens/list-tokens";
import { apiJson } from "@/components/app/api-client";
import { DataTable } from "@/components/app/DataTable";
import { formProblems } from "@/components/app/form-problems";
import { ownTokenSchema } from "@/lib/services/tokens/token.schema";

export function TokenManager({ initial }: { initial: TokenView[] }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: async () => (await apiJson<{ items: TokenView[] }>("/api/v1/tokens")).items, initialData: initial });
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => apiJson<{ token: string }>("/api/v1/tokens", { method: "POST", body: JSON.stringify({ name }) }),
    onSuccess: () => {
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiJson(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });
  return (
    <section aria-labelledby="tokens" className="space-y-2">
      <h2 id="tokens" className="text-sm font-semibold">API tokens</h2>
      <p className="text-sm text-slate-700">
        For scripts and pipelines: every route is described in the{" "}
        <Link href="/api/docs" className="text-sky-800 underline">
          API reference
        </Link>
        .
      </p>
      <form
        aria-label="Create a token"
        onSubmit={(event) => {
          event.preventDefault();
          const found = formProblems(ownTokenSchema, { name }, { name: "token name:" });
          setProblem(found);
          if (!found) create.mutate();
        }}
        className="flex items-end gap-2"
      >
        <div className="flex flex-col">
          <label htmlFor="token-name" className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
            Token name
          </label>
          <input id="token-name" value={name} onChange={(event) => setName(event.target.value)} className="mt-0.5 h-8 w-56 rounded border border-slate-300 px-2" />
        </div>
        <button type="submit" disabled={create.isPending} className="h-8 rounded bg-slate-900 px-3 text-sm font-medium text-white disabled:opacity-60">
          Create token
        </button>
      </form>
      <div role="status" aria-live="polite" className="text-sm">
        {problem && <p className="text-rose-700">{problem}</p>}
        {!problem && create.isError && <p className="text-rose-700">{create.error.message}</p>}
        {create.data && (
          <p>
            Copy it now; it is not shown again: <code data-testid="new-token" className="rounded bg-amber-50 px-1 font-mono">{create.data.token}</code>
          </p>
        )}
        {revoke.isError && <p className="text-rose-700">{revoke.error.message}</p>}
      </div>
      <DataTable columns={[{ label: "name" }, { label: "starts with" }, { label: "created" }, { label: "last used" }, { label: "" }]}>
        <tbody>
          {tokens.data.map((token) => (
            <tr key={token.id} className="border-t border-slate-100">
              <td className="px-2 py-1">{token.name}</td>
              <td className="px-2 font-mono">{token.prefix}…</td>
              <td className="px-2">{new Date(token.createdAt).toLocaleString()}</td>
              <td className="px-2">{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}</td>
              <td className="px-2">
                {token.revokedAt ? (
                  <span className="text-slate-500">revoked</span>
                ) : (
                  <button type="button" onClick={() => revoke.mutate(token.id)} className="text-rose-700 underline">
                    Revoke {token.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}
