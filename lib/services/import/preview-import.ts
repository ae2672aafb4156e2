import "server-only";
import fs from "node:fs/promises";
import { assertCan, type Actor } from "../../auth/actor";
import { mapRecord } from "../../import/import-layout";
import { readRecords } from "../../import/read-records";
import { detectFormat, type ImportFormat } from "../../import/record-source";
import { describeIssues, importRecordSchema } from "../../import/record-schema";
import { parseInput } from "../parse-input";
import { resolveImportInput } from "./import-input";
import { importRequestSchema } from "./import-request";

const PREVIEW_RECORDS = 5;
const PREVIEW_TEXT = 240;

export type PreviewRecord = {
  position: number;
  /** The record as it will be imported, long texts cut, an embedded image named by its size. */
  mapped: Record<string, unknown> | null;
  problem: string | null;
};

/**
 * The first records of a file, read with the chosen layout and checked against the import format, so an
 * admin sees the mapping work (or not) before the import runs. Images are not decoded here.
 */
export async function previewImport(actor: Actor | null, body: unknown): Promise<{ format: ImportFormat; records: PreviewRecord[] }> {
  assertCan(actor, "sample:import");
  const request = parseInput(importRequestSchema, body);
  const { file } = await resolveImportInput(request);
  const format = await detectFormat(file);
  const records: PreviewRecord[] = [];
  const size = (await fs.stat(file)).size;
  for await (const source of readRecords(file, format, size, { records: 0, fraction: 0 })) {
    if ("error" in source) records.push({ position: source.position, mapped: null, problem: source.error });
    else {
      const mapped = mapRecord(source.value, request);
      if ("reason" in mapped) records.push({ position: source.position, mapped: null, problem: mapped.reason });
      else {
        const parsed = importRecordSchema.safeParse(mapped.record);
        const shown = shorten(mapped.record) as Record<string, unknown>;
        if (mapped.embeddedImage) shown.image = `${String(mapped.record.image)} (embedded, ${mapped.embeddedImage.length} bytes)`;
        records.push({ position: source.position, mapped: shown, problem: parsed.success ? null : describeIssues(parsed.error) });
      }
    }
    if (records.length >= PREVIEW_RECORDS) break;
  }
  return { format, records };
}

function shorten(value: unknown): unknown {
  if (typeof value === "string") return value.length > PREVIEW_TEXT ? `${value.slice(0, PREVIEW_TEXT)}…` : value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.slice(0, 9).map(shorten);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, shorten(member)]));
  return value;
}
