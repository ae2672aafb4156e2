import { FormField } from "./FormField";

/** One filter of a GET filter form: a labelled select whose empty choice is "any". */
export function FilterSelect({ name, label, value, options, idPrefix = "filter" }: { name: string; label: string; value: string | undefined; options: readonly string[]; idPrefix?: string }) {
  return (
    <FormField label={label} id={`${idPrefix}-${name}`}>
      <select id={`${idPrefix}-${name}`} name={name} defaultValue={value ?? ""} className="mt-0.5 h-8 min-w-32 rounded border border-slate-300 bg-white px-1.5">
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FormField>
  );
}
