-- AlterTable
ALTER TABLE "prelabels" ADD COLUMN     "prompt_sha256" TEXT;

-- CreateTable
CREATE TABLE "guard_profiles" (
    "system_prompt_sha256" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "system_prompt" TEXT NOT NULL,
    "completion_template" TEXT NOT NULL,
    "first_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guard_profiles_pkey" PRIMARY KEY ("system_prompt_sha256")
);


-- Hand-written: a stored hash is the hash of the stored prompt, and a pre-label's is well formed.
ALTER TABLE "guard_profiles" ADD CONSTRAINT "guard_profiles_sha256_of_prompt"
  CHECK ("system_prompt_sha256" = encode(sha256(convert_to("system_prompt", 'UTF8')), 'hex'));
ALTER TABLE "prelabels" ADD CONSTRAINT "prelabels_prompt_sha256_hex"
  CHECK ("prompt_sha256" IS NULL OR "prompt_sha256" ~ '^[0-9a-f]{64}$');
