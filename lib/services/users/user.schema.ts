import { z } from "zod";
import { passwordSchema } from "../../auth/password.schema";
import { ROLES } from "../../auth/permissions";

// The inputs of the user and account operations: the services parse with them, and the forms check with
// them before they send, so both say the same thing about a field.

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(320));

export const addUserSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
  password: passwordSchema,
  name: z.string().trim().max(200).optional(),
});
export type AddUserInput = z.input<typeof addUserSchema>;

export const changePasswordSchema = z
  .strictObject({ current: z.string().min(1, "enter your current password").max(256), next: passwordSchema })
  .refine((value) => value.current !== value.next, { path: ["next"], message: "must differ from the current password" });

/** A group a dataset's queue can be restricted to (docs/quality-control.md). */
export const groupNameSchema = z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a lowercase name such as senior");

export const updateUserSchema = z
  .strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), groups: z.array(groupNameSchema).max(50).optional() })
  .refine((value) => value.role !== undefined || value.disabled !== undefined || value.groups !== undefined, "change the role, the disabled flag or the groups");

/** Safe viewing's per-user preferences (docs/safe-viewing.md): images shown unblurred, and in grayscale. */
export const viewingPreferencesSchema = z
  .strictObject({ revealImages: z.boolean().optional(), grayscaleImages: z.boolean().optional() })
  .refine((value) => value.revealImages !== undefined || value.grayscaleImages !== undefined, "change revealImages or grayscaleImages");
export type ViewingPreferences = { revealImages: boolean; grayscaleImages: boolean };
/** What a new user, someone signed out and the command line get: images blurred, in colour. */
export const SAFE_VIEWING_DEFAULTS: ViewingPreferences = { revealImages: false, grayscaleImages: false };

/** An invitation: the account is made at once, without a password, which the invited user sets through a one-time link. */
export const inviteUserSchema = z.strictObject({ email: emailSchema, role: z.enum(ROLES), name: z.string().trim().max(200).optional() });
export type InviteUserInput = z.input<typeof inviteUserSchema>;

/** The invited user's choice of password, on the page the link opens. */
export const acceptInvitationSchema = z.strictObject({ password: passwordSchema });
