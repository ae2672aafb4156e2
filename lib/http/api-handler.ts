import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { appOrigin } from "../auth/app-origin";
import { actorFromRequest } from "../auth/request-actor";
import { UnauthenticatedError, UserError, userErrorBody, ValidationError } from "../errors";
import { log } from "../log";
import { metrics } from "../metrics/metrics";
import { routeTemplate } from "../metrics/route-template";
import { zodFieldErrors } from "../validation";
import { jsonTextProblems } from "./input-text";

type Handler<Context> = (request: Request, context: Context, actor: Actor) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

class CrossSiteRequestError extends UserError {
  constructor(message: string) {
    super(message, 403, "cross_site_request");
  }
}

/**
 * Wraps a route handler. Before it runs, the caller is authenticated (a Bearer token or the session
 * cookie; nobody gets a 401 before a byte of the body is read), and a state-changing request that rides
 * on the session cookie must be one our own pages made: `bodyType` as its Content-Type (JSON unless the
 * route takes a raw upload), and `Origin` equal to the app's origin or `Sec-Fetch-Site: same-origin`.
 * SameSite=Lax alone lets a page on another port of the same host post as the victim. Bearer requests
 * carry no ambient credential and are exempt. Then user-safe errors become their status with a JSON body,
 * field errors a 422, and anything else is logged and answered with a generic 500 that reveals nothing.
 */
export function apiHandler<Context>(handler: Handler<Context>, options: { bodyType?: string } = {}): (request: Request, context: Context) => Promise<Response> {
  const bodyType = options.bodyType ?? "application/json";
  return timed(async (request, context) => {
    try {
      const actor = await actorFromRequest(request);
      if (!actor) throw new UnauthenticatedError();
      if (actor.via === "session" && !SAFE_METHODS.has(request.method)) assertOwnPageRequest(request, bodyType);
      return await handler(request, context, actor);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** Records each answer's time in `gts_http_request_duration_seconds`, by method, route and status. */
function timed<Context>(handle: (request: Request, context: Context) => Promise<Response>): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const end = metrics().httpDuration.startTimer({ method: request.method, route: routeTemplate(new URL(request.url).pathname) });
    const response = await handle(request, context);
    end({ status: String(response.status) });
    return response;
  };
}

/**
 * Wraps a route handler that needs no signed-in caller because its URL carries its credential (an
 * invitation's one-time token): errors are mapped as for every other route, and nothing else is assumed.
 */
export function publicApiHandler<Context>(handler: (request: Request, context: Context) => Promise<Response>): (request: Request, context: Context) => Promise<Response> {
  return timed(async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

function assertOwnPageRequest(request: Request, bodyType: string) {
  const type = request.headers.get("content-type")?.split(";")[0]!.trim().toLowerCase();
  if (type !== bodyType) throw new CrossSiteRequestError(`Send ${bodyType} (Content-Type) with the session cookie, or use an API token.`);
  const origin = request.headers.get("origin");
  const sameOrigin = origin !== null ? origin === appOrigin() : request.headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) throw new CrossSiteRequestError("This request did not come from the app's own pages.");
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(new ValidationError(zodFieldErrors(error)));
  if (error instanceof UserError) return NextResponse.json(userErrorBody(error), { status: error.status });
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

/**
 * The request's JSON body; an empty body is `{}`, anything unreadable a 422 rather than a 500, and so is a
 * text that breaks the input rule (`input-text.ts`), with its field.
 */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ValidationError({ _: ["the body is larger than 1 MiB"] });
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError({ _: ["the body is not valid JSON"] });
  }
  const problems = jsonTextProblems(body);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  return body;
}
