import Link from "next/link";

export type FilterChip = { key: string; label: string; value: string; removeHref: string };

/** Active filters as chips, each with a link to the same view without it. */
export function FilterChips({ chips }: { chips: FilterChip[] }) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="flex flex-wrap gap-1.5 text-xs">
      {chips.map((chip) => (
        <li key={chip.key} className="flex items-center gap-1 rounded-full border border-sky-200 bg-sky-50 py-0.5 pl-2 pr-1 text-sky-900">
          <span>
            {chip.label}: <span className="font-medium">{chip.value}</span>
          </span>
          <Link href={chip.removeHref} aria-label={`Remove the filter ${chip.label}`} className="rounded-full px-1 hover:bg-sky-100">
            ×
          </Link>
        </li>
      ))}
    </ul>
  );
}
