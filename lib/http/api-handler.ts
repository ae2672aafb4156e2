import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { ValidationError, UserError } from "../errors";
import { log } from "../log";
import { zodFieldErrors } from "../validation";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/**
 * Wraps a route handler: user-safe errors become their status with a JSON body, field errors a 422,
 * and anything else is logged and answered with a generic 500 that reveals nothing.
 */
export function apiHandler<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(new ValidationError(zodFieldErrors(error)));
  if (error instanceof UserError) {
    const fields = error instanceof ValidationError ? { fields: error.fields } : {};
    return NextResponse.json({ error: { code: error.code, message: error.message, ...fields } }, { status: error.status });
  }
  const reference = crypto.randomUUID();
  log.error("unhandled error in a route handler", {
    reference,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side.", reference } }, { status: 500 });
}

/** Query parameters as a plain object; a repeated key keeps its last value. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The request's JSON body; an empty body is `{}`, anything unreadable a 422 rather than a 500. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ValidationError({ _: ["the body is larger than 1 MiB"] });
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError({ _: ["the body is not valid JSON"] });
  }
}
