import { auditChanges, auditValue } from "@/lib/audit/audit-diff";

/** An audit event's change, field by field: "role expert → admin", as text (values may be hostile). */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const changes = auditChanges(before, after);
  if (changes.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-[11px]">
      {changes.map((change) => (
        <div key={change.field} className="contents">
          <dt className="font-mono text-slate-600">{change.field}</dt>
          <dd className="break-words">
            {change.before !== undefined && (
              <>
                <del className="text-rose-800">{auditValue(change.before)}</del> →{" "}
              </>
            )}
            <ins className="text-emerald-800 no-underline">{auditValue(change.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
