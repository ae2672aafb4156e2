import { ALL_SOURCES, type EvaluationRow } from "./evaluation";

export const EVALUATION_METRICS = ["f1", "macro_f1", "accuracy"] as const;
export type EvaluationMetric = (typeof EVALUATION_METRICS)[number];

/** The paper's layout: a row per model version, a column per benchmark, and their average. */
export type EvaluationTable = {
  metric: EvaluationMetric;
  sources: string[];
  rows: { model: string; version: string; cells: (number | null)[]; average: number | null; n: number }[];
};

/**
 * Pivots evaluation rows into the paper's table. The average is the mean over the benchmarks the model
 * has a figure for (the paper's "Avg."), not the pooled figure, which the `all` row already gives.
 */
export function evaluationTable(rows: EvaluationRow[], metric: EvaluationMetric = "f1"): EvaluationTable {
  const sources = [...new Set(rows.filter((row) => row.source !== ALL_SOURCES).map((row) => row.source))].sort();
  const models = new Map<string, { model: string; version: string; bySource: Map<string, EvaluationRow>; n: number }>();
  for (const row of rows) {
    const key = JSON.stringify([row.model, row.version]);
    const entry = models.get(key) ?? { model: row.model, version: row.version, bySource: new Map(), n: 0 };
    if (row.source === ALL_SOURCES) entry.n = row.n;
    else entry.bySource.set(row.source, row);
    models.set(key, entry);
  }
  return {
    metric,
    sources,
    rows: [...models.values()].map(({ model, version, bySource, n }) => {
      const cells = sources.map((source) => bySource.get(source)?.[metric] ?? null);
      const present = cells.filter((cell): cell is number => cell !== null);
      return { model, version, cells, average: present.length === 0 ? null : present.reduce((sum, cell) => sum + cell, 0) / present.length, n };
    }),
  };
}

const percent = (value: number | null) => (value === null ? "" : (value * 100).toFixed(2));

/** CSV with a header row; figures as percentages with two decimals, as the paper prints them. */
export function evaluationCsv(table: EvaluationTable): string {
  const quote = (text: string) => (/[",\n\r]/.test(text) || /^[=+\-@\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const header = ["model", "version", ...table.sources, "average", "n"].map(quote).join(",");
  const lines = table.rows.map((row) => [quote(row.model), quote(row.version), ...row.cells.map(percent), percent(row.average), String(row.n)].join(","));
  return [header, ...lines].join("\r\n") + "\r\n";
}

/** A Markdown table in the paper's layout, ready to paste into a report. */
export function evaluationMarkdown(table: EvaluationTable): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replace(/[\r\n]+/g, " ");
  const header = `| Model | ${table.sources.map(cell).join(" | ")}${table.sources.length ? " | " : ""}Avg. |`;
  const rule = `| --- | ${table.sources.map(() => "---:").join(" | ")}${table.sources.length ? " | " : ""}---: |`;
  const lines = table.rows.map(
    (row) => `| ${cell(`${row.model} (${row.version})`)} | ${row.cells.map((value) => percent(value) || "–").join(" | ")}${row.cells.length ? " | " : ""}${percent(row.average) || "–"} |`,
  );
  return [`${table.metric === "f1" ? "F1" : table.metric === "macro_f1" ? "Macro-F1" : "Accuracy"} (%)`, "", header, rule, ...lines].join("\n") + "\n";
}
