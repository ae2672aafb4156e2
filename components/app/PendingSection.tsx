/** What a page shows in place of a section it is still computing: announced once, then replaced. */
export function PendingSection({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <span className="mr-2 inline-block h-2 w-2 animate-pulse rounded-full bg-slate-500 motion-reduce:animate-none" aria-hidden="true" />
      {label}
    </div>
  );
}
