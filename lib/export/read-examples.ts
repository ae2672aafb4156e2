import type pg from "pg";
import Cursor from "pg-cursor";
import type { RiskValue } from "../domain/risk";
import { parseStoredJudges } from "../domain/stored-judges";
import { splitThinking } from "../domain/thinking-steps";
import { imageTokens } from "../tokens/image-tokens";
import { modalityCondition, type ExampleKind, type ExportOptions } from "./export-options";
import { expertVerdict, majorityPair, rejectedCandidates, unanimousVerdict, type ExpertDecision, type JudgeRow, type PrelabelRow } from "./pair-builders";
import type { Provenance, TrainingExample } from "./training-example";

const BATCH = 1000;

type Row = {
  id: number;
  external_id: string;
  question: string;
  thinking: string;
  answer: string;
  route: string;
  dataset: string;
  source: string | null;
  image_sha256: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  judges: unknown;
  token_counts: { user: number; judges: number[] } | null;
  decision: {
    id: string;
    round: string;
    kind: ExpertDecision["kind"];
    supported_judge: string | null;
    judgment: string;
    analysis: string | null;
    span_start: number | null;
    span_end: number | null;
    analysis_tokens: number | null;
  } | null;
  prelabel: { model: string; analysis: string | null; judgment: string; analysis_tokens: number | null } | null;
};

/** The SQL for one kind; the filters become parameters, never text. */
function query(kind: ExampleKind, options: ExportOptions, datasetId: string | null): { sql: string; params: unknown[] } {
  const params: unknown[] = [datasetId, options.category ?? null, options.imageCondition ?? null, options.from ?? null, options.to ?? null];
  const decided = kind === "ogdpo" || (kind === "sft" && options.includeExpertConfirmed);
  const dateColumn = kind === "ogdpo" ? "a.created_at" : "s.created_at";
  const which =
    kind === "sft"
      ? options.includeExpertConfirmed
        ? "(s.route = 'unanimous' OR a.sample_id IS NOT NULL)"
        : "s.route = 'unanimous'"
      : kind === "dpo"
        ? "s.route = 'majority'"
        : "a.sample_id IS NOT NULL";
  const sql = `
    SELECT s.id, s.external_id, s.question, s.thinking, s.answer, s.route::text AS route, d.name AS dataset, s.source, s.image_sha256, i.mime, i.width, i.height,
           s.judges, s.token_counts,
           ${decided ? `CASE WHEN a.sample_id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'round', a.round, 'kind', a.kind, 'supported_judge', a.supported_judge, 'judgment', a.judgment::text, 'analysis', a.analysis, 'span_start', a.span_start, 'span_end', a.span_end, 'analysis_tokens', a.analysis_tokens) END` : "NULL"} AS decision,
           ${kind === "ogdpo" ? `(SELECT json_build_object('model', p.model_name, 'analysis', p.analysis, 'judgment', p.judgment::text, 'analysis_tokens', p.analysis_tokens) FROM prelabels p WHERE p.sample_id = s.id ORDER BY p.created_at DESC LIMIT 1)` : "NULL"} AS prelabel
      FROM samples s
      JOIN datasets d ON d.id = s.dataset_id
      LEFT JOIN images i ON i.sha256 = s.image_sha256
      ${decided ? `LEFT JOIN adjudications a ON a.sample_id = s.id AND a.round = 'first'` : ""}
     WHERE ${which}
       AND ($1::uuid IS NULL OR s.dataset_id = $1::uuid)
       AND ($2::text IS NULL OR s.category::text = $2)
       AND ($3::text IS NULL OR s.image_condition::text = $3)
       AND ($4::date IS NULL OR ${dateColumn} >= $4::date)
       AND ($5::date IS NULL OR ${dateColumn} < $5::date)
       ${modalityCondition(options.modality)}
     ORDER BY s.id`;
  return { sql, params };
}

const level = (text: string) => Number(text) as RiskValue;

/** Streams one kind's training examples from the store with a server-side cursor: memory stays flat. */
export async function* readExamples(client: pg.PoolClient, kind: ExampleKind, options: ExportOptions, datasetId: string | null): AsyncGenerator<TrainingExample> {
  const { sql, params } = query(kind, options, datasetId);
  const cursor = client.query(new Cursor<Row>(sql, params));
  try {
    // The next batch is fetched while this one is written: the database and the writer overlap.
    let pending = cursor.read(BATCH);
    for (;;) {
      const rows = await pending;
      if (rows.length === 0) return;
      pending = cursor.read(BATCH);
      for (const row of rows) yield* examplesOf(kind, row, options);
    }
  } finally {
    await cursor.close();
  }
}

function* examplesOf(kind: ExampleKind, row: Row, options: ExportOptions): Generator<TrainingExample> {
  const judges: JudgeRow[] = parseStoredJudges(row.judges);
  const base = {
    sampleId: row.id,
    externalId: row.external_id,
    route: row.route,
    task: { question: row.question, thinking: row.thinking, answer: row.answer },
    image: row.image_sha256 && row.mime ? { sha256: row.image_sha256, mime: row.mime } : null,
  };
  const decision: ExpertDecision | null = row.decision
    ? { kind: row.decision.kind, supportedJudge: row.decision.supported_judge, judgment: level(row.decision.judgment), analysis: row.decision.analysis }
    : null;
  const provenance = (chosenFrom: string, rejectedFrom: string | null): Provenance => ({
    sample: row.external_id,
    dataset: row.dataset,
    source: row.source,
    route: row.route,
    votes: judges.map((judge) => ({ judge: judge.name, judgment: judge.judgment })),
    chosen_from: chosenFrom,
    rejected_from: rejectedFrom,
    adjudication: row.decision ? { id: row.decision.id, round: row.decision.round } : null,
    span: spanOf(row),
  });
  const expertSource = decision?.kind === "supports_judge" ? `expert:judge:${decision.supportedJudge}` : "expert:correction";
  // Token counts by where a verdict came from: a judge's analysis (stored with the sample), the expert's
  // correction, the pre-label's analysis.
  const judgeTokens = new Map(judges.map((judge, index) => [judge.name, row.token_counts?.judges[index] ?? null]));
  const promptTokens = row.token_counts ? row.token_counts.user + (row.width && row.height ? imageTokens(row.width, row.height) : 0) : null;
  const expertTokens = decision?.kind === "supports_judge" ? (judgeTokens.get(decision.supportedJudge ?? "") ?? null) : (row.decision?.analysis_tokens ?? null);
  const tokens = (chosen: number | null, rejected: number | null) => ({ prompt: promptTokens, chosen, rejected });
  if (kind === "sft") {
    const verdict = decision ? expertVerdict(decision, judges) : unanimousVerdict(judges);
    if (verdict) yield { kind, ...base, verdict, provenance: provenance(decision ? expertSource : "judges", null), tokens: tokens(decision ? expertTokens : (judgeTokens.get(judges[0]!.name) ?? null), null) };
    return;
  }
  if (kind === "dpo") {
    const pair = majorityPair(judges);
    if (pair) {
      const pairTokens = tokens(judgeTokens.get(pair.chosenSource) ?? null, judgeTokens.get(pair.rejectedSource) ?? null);
      yield { kind, ...base, ...pair, provenance: provenance(`judge:${pair.chosenSource}`, `judge:${pair.rejectedSource}`), tokens: pairTokens };
    }
    return;
  }
  if (!decision) return;
  const chosen = expertVerdict(decision, judges);
  if (!chosen) return;
  const prelabel: PrelabelRow | null = row.prelabel ? { model: row.prelabel.model, analysis: row.prelabel.analysis, judgment: level(row.prelabel.judgment) } : null;
  const candidates = rejectedCandidates(decision, judges, prelabel);
  for (const candidate of options.pairs === "all" ? candidates : candidates.slice(0, 1)) {
    const prelabelSide = candidate.source === "prelabel";
    const rejectedFrom = prelabelSide ? `prelabel:${prelabel!.model}` : `judge:${candidate.source}`;
    const rejectedTokens = prelabelSide ? (row.prelabel?.analysis_tokens ?? null) : (judgeTokens.get(candidate.source) ?? null);
    yield { kind, ...base, chosen, rejected: candidate.verdict, rejectedSource: candidate.source, provenance: provenance(expertSource, rejectedFrom), tokens: tokens(expertTokens, rejectedTokens) };
  }
}

/** The expert's risk span, with the thinking step (as the workspace numbers them) it starts in. */
function spanOf(row: Row): Provenance["span"] {
  const start = row.decision?.span_start;
  const end = row.decision?.span_end;
  if (start === null || start === undefined || end === null || end === undefined) return null;
  const step = splitThinking(row.thinking).find((candidate) => start < candidate.end);
  return { start, end, step: step?.number ?? null };
}
