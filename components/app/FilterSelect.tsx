/** One filter of a GET filter form: a labelled select whose empty choice is "any". */
export function FilterSelect({ name, label, value, options, idPrefix = "filter" }: { name: string; label: string; value: string | undefined; options: readonly string[]; idPrefix?: string }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`${idPrefix}-${name}`} className="text-[11px] font-medium uppercase tracking-wide text-slate-600">
        {label}
      </label>
      <select id={`${idPrefix}-${name}`} name={name} defaultValue={value ?? ""} className="mt-0.5 h-8 min-w-32 rounded border border-slate-300 bg-white px-1.5">
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
