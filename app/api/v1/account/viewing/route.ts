import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { getViewingPreferences, updateViewingPreferences } from "@/lib/services/users/viewing-preferences";

/** The caller's safe-viewing preferences: `{"revealImages", "grayscaleImages"}`. */
export const GET = apiHandler(async (_request, _context, actor) => NextResponse.json(await getViewingPreferences(actor)));

export const PATCH = apiHandler(async (request, _context, actor) => NextResponse.json(await updateViewingPreferences(actor, await jsonBody(request))));
