"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/app/ConfirmDialog";
import type { UserView } from "@/lib/services/users/list-users";
import { apiJson } from "@/components/app/api-client";
import { DataTable } from "@/components/app/DataTable";

type Change = { id: string; change: { role?: string; disabled?: boolean }; question: string; confirmLabel: string };

/** The users with their role and status; a role change or a disable waits for a confirmation. */
export function UserTable({ initial, selfId }: { initial: UserView[]; selfId: string | null }) {
  const [asked, setAsked] = useState<Change | null>(null);
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: async () => (await apiJson<{ items: UserView[] }>("/api/v1/users")).items, initialData: initial });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: string; disabled?: boolean } }) => apiJson(`/api/v1/users/${id}`, { method: "PATCH", body: JSON.stringify(change) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
  return (
    <div className="space-y-2">
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-rose-700">
        {update.isError ? update.error.message : ""}
      </p>
      <DataTable columns={[{ label: "email" }, { label: "role" }, { label: "status" }, { label: "last decision" }]}>
        <tbody>
          {users.data.map((user) => (
            <tr key={user.id} className="border-t border-slate-100">
              <td className="px-2 py-1">
                {user.email}{" "}
                <a href={`/admin/audit?actor=${encodeURIComponent(user.email)}`} className="text-sky-800 underline">
                  audit
                </a>
              </td>
              <td className="px-2">
                <label className="sr-only" htmlFor={`role-${user.id}`}>
                  Role of {user.email}
                </label>
                <select
                  id={`role-${user.id}`}
                  value={user.role}
                  disabled={user.id === selfId}
                  onChange={(event) =>
                    setAsked({
                      id: user.id,
                      change: { role: event.target.value },
                      question: `Change ${user.email} from ${user.role} to ${event.target.value}? ${event.target.value === "admin" ? "Admins manage users, datasets and exports." : "They keep their past decisions."}`,
                      confirmLabel: `Make ${event.target.value}`,
                    })
                  }
                  className="h-7 rounded border border-slate-300 bg-white px-1"
                >
                  {["admin", "expert", "viewer"].map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
              <td className="px-2">
                {user.id === selfId ? (
                  "you"
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      user.disabled
                        ? update.mutate({ id: user.id, change: { disabled: false } })
                        : setAsked({ id: user.id, change: { disabled: true }, question: `Disable ${user.email}? Their sessions and API tokens stop working at once; their decisions stay.`, confirmLabel: "Disable" })
                    }
                    className="underline"
                  >
                    {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
                  </button>
                )}
                {user.disabled && <span className="ml-2 text-rose-700">disabled</span>}
              </td>
              <td className="px-2">{user.lastDecisionAt ? new Date(user.lastDecisionAt).toLocaleString() : "—"}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <ConfirmDialog
        question={asked?.question ?? null}
        confirmLabel={asked?.confirmLabel ?? ""}
        onCancel={() => setAsked(null)}
        onConfirm={() => {
          if (asked) update.mutate({ id: asked.id, change: asked.change });
          setAsked(null);
        }}
      />
    </div>
  );
}
