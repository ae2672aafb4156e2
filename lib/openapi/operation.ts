import type { z } from "zod";
import type { Action } from "../auth/permissions";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A success answer: JSON described by `schema`, a file or stream of `contentType`, or no body. */
export type Reply = { status: number; description: string } & ({ schema: z.ZodType } | { contentType: string } | { empty: true });

/** A refusal the operation can give besides the ones every route shares (401, 422, 500), with its codes. */
export type Refusal = { status: 403 | 404 | 409 | 413 | 415; codes: string[]; description: string };

/**
 * One route and method of the API, as the OpenAPI document describes it. The inputs are the zod schemas
 * the services parse with, so the document cannot say one thing while the server checks another.
 */
export type Operation = {
  method: Method;
  /** OpenAPI's form of the path: `/api/v1/samples/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * Who may call it: an action of the permission map (its roles are listed from the map), any signed-in
   * caller, or anyone (the URL carries the credential).
   */
  access: Action | "signed-in" | "public";
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType } | { contentType: string; description: string };
  replies: Reply[];
  refusals?: Refusal[];
};
