import { NextResponse } from "next/server";
import { jsonBody, publicApiHandler } from "@/lib/http/api-handler";
import { acceptInvitation, describeInvitation } from "@/lib/services/users/accept-invitation";

type Params = { params: Promise<{ token: string }> };

/** Whom a live invitation is for; 404 for a used, expired or unknown link. No sign-in: the link is the credential. */
export const GET = publicApiHandler(async (_request, { params }: Params) => NextResponse.json(await describeInvitation((await params).token)));

/** Sets the invited user's password, `{"password"}`, and spends the link. */
export const POST = publicApiHandler(async (request, { params }: Params) => NextResponse.json(await acceptInvitation((await params).token, await jsonBody(request))));
