/** A labelled form control for the consoles (import, export): the label above, an optional hint below. */
export function FormField({ label, id, hint, children }: { label: string; id: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col">
      <label htmlFor={id} className="text-[11px] font-medium uppercase tracking-wide text-slate-600">
        {label}
      </label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="mt-0.5 text-[11px] text-slate-600">
          {hint}
        </span>
      )}
    </div>
  );
}
