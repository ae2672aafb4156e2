import { hash } from "node:crypto";
import { isRiskValue } from "../domain/risk";
import { RECORD_FIELDS, type ImportLayout } from "./import-layout-schema";
import { imageNameOf } from "./match-key";

/** A record in our format, with an image that came embedded (a `{bytes, path}` struct) set apart. */
export type MappedRecord = { record: Record<string, unknown>; embeddedImage: Buffer | null; imageName: string | null };

/**
 * The upstream GuardTrace-VL layout: `response` is our answer, `image_name` a file in a separate image
 * folder (empty for none), and `evaluation_result` the human-verified level, which becomes the reference
 * label. It has no id, category, image condition or judges, so those are filled (see `fillGuardtrace`).
 */
function guardtraceMapping(input: Record<string, unknown>): Record<string, string> {
  return { answer: "response", reference: "evaluation_result", ...("image_name" in input ? { image: "image_name" } : {}) };
}

export const GUARDTRACE_REFERENCE_SOURCE = "evaluation_result";

export function mapRecord(input: Record<string, unknown>, layout: ImportLayout): MappedRecord | { reason: string } {
  const mapping = { ...(layout.layout === "guardtrace" ? guardtraceMapping(input) : {}), ...layout.map };
  const record: Record<string, unknown> = { ...input };
  for (const theirs of Object.values(mapping)) delete record[theirs];
  for (const [ours, theirs] of Object.entries(mapping)) if (input[theirs] !== undefined) record[ours] = input[theirs];

  const image = splitImage(record.image);
  if ("reason" in image) return image;
  record.image = image.reference;
  for (const [field, value] of Object.entries(layout.set)) if (record[field] === undefined || record[field] === null) record[field] = value;
  if (layout.source !== undefined && (record.source === undefined || record.source === null || record.source === "")) record.source = layout.source;

  if (layout.layout === "guardtrace") {
    const filled = fillGuardtrace(record, image.name);
    if ("reason" in filled) return filled;
  }
  return { record, embeddedImage: image.bytes, imageName: image.name };
}

/**
 * An image is a path, or a `{bytes, path}` struct as Hugging Face stores its Image feature (bytes, or a
 * path when the bytes were left out). An empty name means no image.
 */
function splitImage(value: unknown): { reference: string | null; bytes: Buffer | null; name: string | null } | { reason: string } {
  if (value === undefined || value === null || value === "") return { reference: null, bytes: null, name: null };
  if (typeof value === "string") return { reference: value, bytes: null, name: imageNameOf(value) };
  if (typeof value === "object" && !Array.isArray(value)) {
    const { bytes, path: where } = value as { bytes?: unknown; path?: unknown };
    if (where !== undefined && where !== null && typeof where !== "string") return { reason: "image.path: must be a string" };
    const name = imageNameOf(where as string | null | undefined);
    if (bytes instanceof Uint8Array && bytes.length > 0) {
      return { reference: (where as string | null) || "embedded image", bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name };
    }
    if (bytes !== undefined && bytes !== null && !(bytes instanceof Uint8Array)) return { reason: "image.bytes: must be binary (a Parquet byte array)" };
    return where ? { reference: where as string, bytes: null, name } : { reference: null, bytes: null, name: null };
  }
  return { reason: "image: must be a path or a {bytes, path} struct" };
}

/** The upstream layout's gaps: a content-derived id, `other`, `none`/`unknown`, no judges, the reference. */
function fillGuardtrace(record: Record<string, unknown>, imageName: string | null): { ok: true } | { reason: string } {
  const raw = record.reference;
  if (raw === undefined || raw === null || raw === "") delete record.reference;
  else if ((typeof raw === "number" && isRiskValue(raw)) || (typeof raw === "string" && /^\s*(0|0?\.5|1)(\.0+)?\s*$/.test(raw))) {
    record.reference = { judgment: Number(raw), source: GUARDTRACE_REFERENCE_SOURCE };
  } else if (typeof raw !== "object") {
    return { reason: `evaluation_result: must be 0, 0.5 or 1 (got ${JSON.stringify(raw).slice(0, 40)})` };
  }
  record.judges ??= [];
  record.category ??= "other";
  record.image_condition ??= record.image ? "unknown" : "none";
  // Fields of theirs that we have no place for are kept, in meta, rather than refused.
  const extras = Object.keys(record).filter((key) => !(RECORD_FIELDS as readonly string[]).includes(key));
  if (extras.length > 0) {
    const meta = record.meta && typeof record.meta === "object" && !Array.isArray(record.meta) ? (record.meta as Record<string, unknown>) : {};
    record.meta = { ...Object.fromEntries(extras.map((key) => [key, record[key]])), ...meta };
    for (const key of extras) delete record[key];
  }
  if (record.id === undefined || record.id === null || record.id === "") record.id = contentId(record, imageName);
  return { ok: true };
}

/** An id from the content, so that importing the same upstream file twice finds the same samples. */
export function contentId(record: Record<string, unknown>, imageName: string | null): string {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return `gt-${hash("sha256", [text(record.question), text(record.thinking), text(record.answer), imageName ?? ""].join("\u0000")).slice(0, 24)}`;
}
