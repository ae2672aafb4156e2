import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import { evaluationRows } from "../../stats/evaluation";
import { EVALUATION_METRICS, evaluationCsv, evaluationMarkdown, evaluationTable } from "../../stats/evaluation-table";
import { readEvaluationCells } from "../../stats/read-evaluation-cells";
import { datasetScope } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** The download of the paper's table: which dataset, against which truth, which figure, which file type. */
export const evaluationTableQuerySchema = z.object({
  dataset: z.preprocess(blankAsAbsent, z.string().trim().min(1).max(200).optional()),
  basis: z.preprocess(blankAsAbsent, z.enum(["reference", "expert"]).default("reference")),
  metric: z.preprocess(blankAsAbsent, z.enum(EVALUATION_METRICS).default("f1")),
  format: z.preprocess(blankAsAbsent, z.enum(["csv", "markdown"]).default("csv")),
});

export type EvaluationDownload = { fileName: string; contentType: string; body: string };

/** The evaluation table (models × benchmarks, with the average) as CSV or Markdown, for a report. */
export async function getEvaluationTable(actor: Actor | null, query: unknown): Promise<EvaluationDownload> {
  assertCan(actor, "stats:read");
  const { dataset, basis, metric, format } = parseInput(evaluationTableQuerySchema, query);
  const cells = await inReadOnlySnapshot(async (client) => {
    const datasetId = await datasetScope(client, dataset);
    return readEvaluationCells(client, datasetId);
  });
  const table = evaluationTable(evaluationRows(basis === "reference" ? cells.vsReference : cells.vsExpert), metric);
  const stem = `evaluation-${(dataset ?? "all").replace(/[^A-Za-z0-9._-]+/g, "_")}-vs-${basis}-${metric}`;
  return format === "csv"
    ? { fileName: `${stem}.csv`, contentType: "text/csv; charset=utf-8", body: evaluationCsv(table) }
    : { fileName: `${stem}.md`, contentType: "text/markdown; charset=utf-8", body: evaluationMarkdown(table) };
}
