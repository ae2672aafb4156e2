import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { addComment } from "@/lib/services/discussion/add-comment";
import { listComments } from "@/lib/services/discussion/list-comments";

/** The sample's discussion thread, oldest first; reading it marks the reader's mentions read. */
export const GET = apiHandler(async (_request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await listComments(actor, id));
});

/** Adds a comment: `{"body": "…"}`; `@email` mentions a user. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await addComment(actor, id, await jsonBody(request)), { status: 201 });
});
