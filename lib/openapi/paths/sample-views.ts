import { z } from "zod";
import { VOTE_ROUTES } from "../../services/samples/sample-filters";
import { jsonValue, riskValue, timestamp } from "../common";

const prelabel = z.object({
  model: z.string(),
  version: z.string(),
  judgment: riskValue,
  probabilities: z.object({ safe: z.number(), potentially_harmful: z.number(), harmful: z.number() }).nullable(),
  analysis: z.string().nullable(),
  origin: z.string(),
  promptSha256: z.string().nullable().meta({ description: "SHA-256 of the system prompt the guard was asked with; null for a classifier or an imported pre-label" }),
  createdAt: timestamp,
});

/** What the sample page and the list both show of a sample: who it is, where it comes from, how the judges routed it. */
const facets = {
  id: z.number().int(),
  externalId: z.string(),
  dataset: z.string(),
  category: z.string(),
  imageCondition: z.string(),
  attack: z.string().nullable(),
  source: z.string().nullable(),
  model: z.string().nullable(),
  route: z.string(),
  consensus: riskValue.nullable(),
  reference: z.object({ judgment: riskValue, source: z.string() }).nullable(),
};

/** A sample with everything the sample page and the workspace show. */
export const sampleDetail = z
  .object({
    ...facets,
    question: z.string(),
    thinking: z.string(),
    answer: z.string(),
    meta: jsonValue.nullable(),
    image: z.object({ sha256: z.string(), mime: z.string(), width: z.number().int(), height: z.number().int(), byteSize: z.number().int(), url: z.string() }).nullable(),
    gold: z.object({ judgment: riskValue, explanation: z.string().nullable(), origin: z.enum(["reference", "promoted"]) }).nullable().meta({ description: "Only for readers not scored on gold samples" }),
    judges: z.array(z.object({ name: z.string(), analysis: z.string(), judgment: riskValue, minority: z.boolean() })),
    prelabel: prelabel.nullable(),
    prelabels: z.array(prelabel),
    adjudicationsHidden: z.boolean().meta({ description: "True while the reader gives the sample's second opinion: the first decision stays unseen" }),
    skips: z.array(z.object({ expert: z.string(), reason: z.string(), createdAt: timestamp })),
    flags: z.array(z.object({ expert: z.string(), note: z.string(), createdAt: timestamp, resolvedAt: timestamp.nullable() })),
    adjudications: z.array(
      z.object({
        id: z.string(),
        expert: z.string(),
        kind: z.string(),
        supports: z.string().nullable(),
        judgment: riskValue,
        analysis: z.string().nullable(),
        span: z.tuple([z.number().int(), z.number().int()]).nullable().meta({ description: "[start, end) character offsets into the thinking" }),
        round: z.string(),
        createdAt: timestamp,
      }),
    ),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "SampleDetail" });

export const sampleListPage = z
  .object({
    items: z.array(
      z.object({
        ...facets,
        gold: z.boolean(),
        question: z.string().meta({ description: "The first 240 characters" }),
        hasImage: z.boolean(),
        imageUrl: z.string().nullable(),
        judges: z.array(z.object({ name: z.string(), judgment: riskValue, minority: z.boolean() })),
        prelabel: z.object({ model: z.string(), judgment: riskValue }).nullable(),
        decisions: z.array(z.object({ round: z.enum(["first", "second"]), judgment: riskValue })),
        adjudications: z.number().int(),
      }),
    ),
    nextCursor: z.number().int().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last" }),
    counts: z
      .object({ total: z.number().int(), byRoute: z.record(z.enum(VOTE_ROUTES), z.number().int()) })
      .optional()
      .meta({ description: "First page only: the matches, and per route ignoring the route filter" }),
  })
  .meta({ id: "SamplePage" });
