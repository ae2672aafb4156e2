import { z } from "zod";
import { ownTokenSchema } from "../../services/tokens/token.schema";
import { acceptInvitationSchema, changePasswordSchema, viewingPreferencesSchema } from "../../services/users/user.schema";
import { timestamp } from "../common";
import type { Operation } from "../operation";

const viewing = z.object({ revealImages: z.boolean(), grayscaleImages: z.boolean() }).meta({ id: "ViewingPreferences" });
const spent = { status: 404 as const, codes: ["not_found"], description: "The link was used, has expired, or never existed" };

export const accountOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/tokens",
    tag: "Account",
    summary: "The caller's API tokens",
    description: "Never their secrets, which are not stored.",
    access: "token:own",
    replies: [
      {
        status: 200,
        description: "The tokens",
        schema: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), prefix: z.string(), createdAt: timestamp, lastUsedAt: timestamp.nullable(), revokedAt: timestamp.nullable() })) }),
      },
    ],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    tag: "Account",
    summary: "Create an API token for the caller",
    access: "token:own",
    body: { schema: ownTokenSchema },
    replies: [{ status: 201, description: "The token; its secret is in this answer only", schema: z.object({ token: z.string(), id: z.uuid() }) }],
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{id}",
    tag: "Account",
    summary: "Revoke one of the caller's tokens",
    access: "token:own",
    params: { id: z.uuid() },
    replies: [{ status: 200, description: "Revoked", schema: z.object({ id: z.uuid(), revokedAt: timestamp }) }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such token of the caller's" }],
  },
  {
    method: "post",
    path: "/api/v1/account/password",
    tag: "Account",
    summary: "Change the caller's password",
    description: "Every other session of the caller ends.",
    access: "signed-in",
    body: { schema: changePasswordSchema },
    replies: [{ status: 200, description: "Changed", schema: z.object({ changed: z.literal(true) }) }],
  },
  {
    method: "delete",
    path: "/api/v1/account/sessions",
    tag: "Account",
    summary: "Sign the caller out everywhere, this session too",
    access: "signed-in",
    replies: [{ status: 200, description: "How many sessions ended", schema: z.object({ ended: z.number().int() }) }],
  },
  {
    method: "get",
    path: "/api/v1/account/viewing",
    tag: "Account",
    summary: "The caller's safe-viewing preferences",
    access: "signed-in",
    replies: [{ status: 200, description: "The preferences", schema: viewing }],
  },
  {
    method: "patch",
    path: "/api/v1/account/viewing",
    tag: "Account",
    summary: "Change the caller's safe-viewing preferences",
    access: "signed-in",
    body: { schema: viewingPreferencesSchema },
    replies: [{ status: 200, description: "The preferences now", schema: viewing }],
  },
  {
    method: "get",
    path: "/api/v1/invitations/{token}",
    tag: "Account",
    summary: "Whom a live invitation is for",
    description: "No sign-in: the link is the credential.",
    access: "public",
    params: { token: z.string().min(1) },
    replies: [{ status: 200, description: "The invitation", schema: z.object({ email: z.string(), expiresAt: timestamp }) }],
    refusals: [spent],
  },
  {
    method: "post",
    path: "/api/v1/invitations/{token}",
    tag: "Account",
    summary: "Set the invited user's password and spend the link",
    access: "public",
    params: { token: z.string().min(1) },
    body: { schema: acceptInvitationSchema },
    replies: [{ status: 200, description: "The account, ready to sign in", schema: z.object({ email: z.string() }) }],
    refusals: [spent],
  },
];
