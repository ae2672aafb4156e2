import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { GuardProfileError, loadGuardProfile } from "../../guard/load-guard-profile";

export type ExportProfileView = { name: string; systemPromptSha256: string; builtIn: boolean } | { error: string };

/** The guard profile this server writes exports with (`GUARD_PROFILE_FILE`, else the built-in one), or why it cannot. */
export async function getExportProfile(actor: Actor | null): Promise<ExportProfileView> {
  assertCan(actor, "export:create");
  try {
    const profile = await loadGuardProfile();
    return { name: profile.name, systemPromptSha256: profile.systemPromptSha256, builtIn: profile.origin === "built-in" };
  } catch (error) {
    if (error instanceof GuardProfileError) return { error: error.message };
    throw error;
  }
}
