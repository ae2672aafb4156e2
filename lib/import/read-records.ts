import { jsonArrayRecords } from "./json-array-records";
import { jsonlRecords } from "./jsonl-records";
import { parquetRecords } from "./parquet-records";
import type { ImportFormat, ReadProgress, SourceRecord } from "./record-source";

/** The records of a file in any of the import formats, streamed; `progress` is updated as they are read. */
export function readRecords(file: string, format: ImportFormat, size: number, progress: ReadProgress): AsyncGenerator<SourceRecord> {
  switch (format) {
    case "jsonl":
      return jsonlRecords(file, size, progress);
    case "json-array":
      return jsonArrayRecords(file, size, progress);
    case "parquet":
      return parquetRecords(file, progress);
  }
}
