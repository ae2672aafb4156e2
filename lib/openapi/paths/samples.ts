import { z } from "zod";
import { commentInputSchema } from "../../services/discussion/comment.schema";
import { imageShaSchema } from "../../services/images/get-image";
import { goldInputSchema } from "../../services/quality/quality.schema";
import { sampleFiltersSchema } from "../../services/samples/sample-filters";
import { sampleIdSchema } from "../../services/samples/sample-id";
import { riskValue, sampleIdReply, timestamp } from "../common";
import type { Operation } from "../operation";
import { sampleDetail, sampleListPage } from "./sample-views";

const id = { id: sampleIdSchema };
const missing = { status: 404 as const, codes: ["not_found"], description: "No such sample" };

export const sampleOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/samples",
    tag: "Samples",
    summary: "List samples",
    description: "Filtered and paged by id (`cursor`, `limit` up to 200); the first page carries the counts.",
    access: "sample:read",
    query: sampleFiltersSchema,
    replies: [{ status: 200, description: "A page of samples", schema: sampleListPage }],
  },
  {
    method: "get",
    path: "/api/v1/samples/{id}",
    tag: "Samples",
    summary: "One sample, with its judges, pre-labels and decisions",
    access: "sample:read",
    params: id,
    replies: [{ status: 200, description: "The sample", schema: sampleDetail }],
    refusals: [missing],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/reveal",
    tag: "Samples",
    summary: "Record that the caller revealed the sample's blurred image",
    access: "image:read",
    params: id,
    replies: [{ status: 200, description: "Recorded in the audit trail", schema: sampleIdReply }],
    refusals: [missing],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/gold",
    tag: "Quality",
    summary: "Make an adjudicated sample gold",
    access: "quality:manage",
    params: id,
    body: { schema: goldInputSchema },
    replies: [
      {
        status: 200,
        description: "The gold item",
        schema: z.object({ sampleId: z.number().int(), judgment: riskValue, explanation: z.string().nullable(), origin: z.literal("promoted") }),
      },
    ],
    refusals: [missing],
  },
  {
    method: "get",
    path: "/api/v1/samples/{id}/comments",
    tag: "Discussion",
    summary: "The sample's discussion thread, oldest first",
    description: "Reading it marks the caller's mentions in it read.",
    access: "sample:read",
    params: id,
    replies: [
      {
        status: 200,
        description: "The thread",
        schema: z.object({ comments: z.array(z.object({ id: z.string(), author: z.string(), kind: z.enum(["comment", "flag", "resolution"]), body: z.string(), createdAt: timestamp })) }),
      },
    ],
    refusals: [missing],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/comments",
    tag: "Discussion",
    summary: "Comment on a sample",
    description: "Plain text; `@email` mentions a user, who finds the thread in their inbox.",
    access: "comment:write",
    params: id,
    body: { schema: commentInputSchema },
    replies: [{ status: 201, description: "The comment", schema: z.object({ id: z.string(), sampleId: z.number().int(), mentioned: z.array(z.string()) }) }],
    refusals: [missing],
  },
  {
    method: "get",
    path: "/api/v1/inbox",
    tag: "Discussion",
    summary: "Threads that mention the caller, unread first",
    access: "signed-in",
    replies: [
      {
        status: 200,
        description: "The inbox",
        schema: z.object({
          unread: z.number().int(),
          threads: z.array(
            z.object({ sampleId: z.number().int(), externalId: z.string(), dataset: z.string(), unread: z.number().int(), mentions: z.number().int(), lastAt: timestamp, lastAuthor: z.string(), lastBody: z.string() }),
          ),
        }),
      },
    ],
  },
  {
    method: "get",
    path: "/api/images/{sha}",
    tag: "Samples",
    summary: "A sample image's bytes, by its SHA-256",
    description: "Content-addressed and immutable; served sandboxed with its own MIME type.",
    access: "image:read",
    params: { sha: imageShaSchema },
    replies: [{ status: 200, description: "The image", contentType: "image/*" }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such image" }],
  },
];
