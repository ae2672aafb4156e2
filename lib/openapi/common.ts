import { z } from "zod";
import { RISK_VALUES } from "../domain/risk";

/** A risk level in an answer: 0 safe, 0.5 potentially harmful, 1 harmful. */
export const riskValue = z.literal(RISK_VALUES).meta({ description: "0 safe, 0.5 potentially harmful, 1 harmful" });

/** Any JSON value: parts of an answer whose shape the docs define (a manifest, the statistics' nested figures). */
export const jsonValue = z.unknown().meta({ id: "JsonValue", description: "Any JSON value" });

/** A time as the API writes it, ISO 8601 in UTC. */
export const timestamp = z.string().meta({ format: "date-time", description: "ISO 8601, in UTC" });

export const role = z.enum(["admin", "expert", "viewer"]);

/** `{sampleId}`: what the queue's small actions answer. */
export const sampleIdReply = z.object({ sampleId: z.number().int() });

/** The body of every refusal: `{error: {code, message, fields?}}`; the UI branches on `code`. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "422 only: messages by field path (`judges.1.judgment`); `_` for the body as a whole" }),
      reference: z.string().optional().meta({ description: "500 only: quote it to an operator, who finds the logged error by it" }),
    }),
  })
  .meta({ id: "Error" });
