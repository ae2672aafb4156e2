/** One changed field of an audit event: its name (dotted for a nested one) and its value before and after. */
export type FieldChange = { field: string; before: unknown; after: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What an audit event changed, field by field, for a person to read: the fields whose values differ
 * between `before` and `after` (nested objects walked, arrays and scalars compared whole), in the order
 * they first appear. An event with only an `after` (a creation) lists every field of it as new.
 */
export function auditChanges(before: unknown, after: unknown, prefix = ""): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: prefix || "value", before, after }];
  }
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return fields.flatMap((field) => {
    const name = prefix ? `${prefix}.${field}` : field;
    if (isRecord(was[field]) && isRecord(now[field])) return auditChanges(was[field], now[field], name);
    return JSON.stringify(was[field]) === JSON.stringify(now[field]) ? [] : [{ field: name, before: was[field], after: now[field] }];
  });
}

/** A value as the trail shows it: text as itself, nothing as "—", anything else as compact JSON. */
export function auditValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}
