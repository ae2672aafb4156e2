import type { ExampleKind, ExportFormat, SftStyle } from "./export-options";

/**
 * The Parquet schema and the Hugging Face features of each bundle's rows, so that
 * `datasets.load_dataset("parquet", data_dir=…)` gives the same nested rows as the JSONL (lists of
 * message structs) with PIL images: the `images` column is a list of `{bytes, path}` structs, Hugging Face's
 * Image feature, and the features ride in the file's `huggingface` metadata as `datasets` writes them.
 * Lists are Parquet's standard three-level LIST (`list`/`element`), as pyarrow writes them.
 */
type SchemaNode = { name: string; type?: string; converted_type?: string; repetition_type: "OPTIONAL" | "REPEATED" | "REQUIRED"; num_children?: number };
type Field = { schema: SchemaNode[]; feature: unknown };

const value = (dtype: string) => ({ dtype, _type: "Value" });
const text = (name: string): Field => ({ schema: [{ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }], feature: value("string") });
const double = (name: string): Field => ({ schema: [{ name, type: "DOUBLE", repetition_type: "OPTIONAL" }], feature: value("float64") });
const int = (name: string): Field => ({ schema: [{ name, type: "INT32", repetition_type: "OPTIONAL" }], feature: value("int32") });
const bytes = (name: string): Field => ({ schema: [{ name, type: "BYTE_ARRAY", repetition_type: "OPTIONAL" }], feature: value("binary") });

function struct(name: string, fields: [string, (name: string) => Field][]): Field {
  const children = fields.map(([child, make]) => ({ name: child, field: make(child) }));
  return {
    schema: [{ name, repetition_type: "OPTIONAL", num_children: children.length }, ...children.flatMap(({ field }) => field.schema)],
    feature: Object.fromEntries(children.map(({ name: child, field }) => [child, field.feature])),
  };
}

/** A list of `element`: the feature is written as a one-item list, `datasets`' notation for a list of it. */
function list(name: string, element: (name: string) => Field): Field {
  const item = element("element");
  return {
    schema: [{ name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 }, { name: "list", repetition_type: "REPEATED", num_children: 1 }, ...item.schema],
    feature: [item.feature],
  };
}

const image = (name: string): Field => {
  const field = struct(name, [["bytes", bytes], ["path", text]]);
  return { schema: field.schema, feature: { _type: "Image" } };
};
const part = (name: string) => struct(name, [["type", text], ["text", text]]);
const message = (name: string) => struct(name, [["role", text], ["content", (child) => list(child, part)]]);
const turn = (name: string) => struct(name, [["from", text], ["value", text]]);

const meta = (name: string) =>
  struct(name, [
    ["sample", text],
    ["dataset", text],
    ["source", text],
    ["route", text],
    ["votes", (child) => list(child, (element) => struct(element, [["judge", text], ["judgment", double]]))],
    ["chosen_from", text],
    ["rejected_from", text],
    ["adjudication", (child) => struct(child, [["id", text], ["round", text]])],
    ["span", (child) => struct(child, [["start", int], ["end", int], ["step", int]])],
  ]);

/** The columns of one data file, in order, with their Parquet schema and the Hugging Face features. */
export function parquetLayout(format: ExportFormat, kind: ExampleKind, sftStyle: SftStyle): { columns: string[]; schema: SchemaNode[]; features: Record<string, unknown> } {
  const messages = (name: string) => list(name, message);
  const columns: [string, (name: string) => Field][] =
    format === "trl"
      ? kind === "sft"
        ? sftStyle === "messages"
          ? [["messages", messages]]
          : [["prompt", messages], ["completion", messages]]
        : [["prompt", messages], ["chosen", messages], ["rejected", messages]]
      : kind === "sft"
        ? [["conversations", (name) => list(name, turn)], ["system", text]]
        : [["conversations", (name) => list(name, turn)], ["chosen", turn], ["rejected", turn], ["system", text]];
  const all: [string, (name: string) => Field][] = [...columns, ["images", (name) => list(name, image)], ["meta", meta]];
  const fields = all.map(([name, make]) => ({ name, field: make(name) }));
  return {
    columns: fields.map(({ name }) => name),
    schema: [{ name: "schema", repetition_type: "REQUIRED", num_children: fields.length }, ...fields.flatMap(({ field }) => field.schema)],
    features: Object.fromEntries(fields.map(({ name, field }) => [name, field.feature])),
  };
}
