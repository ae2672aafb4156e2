-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "risk_level" AS ENUM ('0', '0.5', '1');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('admin', 'expert', 'viewer');

-- CreateEnum
CREATE TYPE "category" AS ENUM ('crime', 'cybersecurity', 'data_privacy', 'ethics', 'health', 'hate_speech', 'extremism', 'misleading_advice', 'other');

-- CreateEnum
CREATE TYPE "image_condition" AS ENUM ('none', 'irrelevant', 'aligned', 'jailbreak');

-- CreateEnum
CREATE TYPE "vote_route" AS ENUM ('unanimous', 'majority', 'no_majority');

-- CreateEnum
CREATE TYPE "adjudication_kind" AS ENUM ('supports_judge', 'correction');

-- CreateEnum
CREATE TYPE "adjudication_round" AS ENUM ('first', 'second');

-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "export_kind" AS ENUM ('sft', 'dpo', 'ogdpo', 'all');

-- CreateEnum
CREATE TYPE "export_format" AS ENUM ('trl', 'llamafactory');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "role" "role" NOT NULL DEFAULT 'viewer',
    "disabled_at" TIMESTAMPTZ(3),
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "session_token" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "audit_share_bp" INTEGER NOT NULL DEFAULT 500,
    "second_opinion_share_bp" INTEGER NOT NULL DEFAULT 1000,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "samples" (
    "id" SERIAL NOT NULL,
    "dataset_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "thinking" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "category" "category" NOT NULL,
    "image_condition" "image_condition" NOT NULL,
    "attack" TEXT,
    "source" TEXT,
    "model" TEXT,
    "meta" JSONB,
    "image_sha256" TEXT,
    "content_hash" TEXT NOT NULL,
    "route" "vote_route" NOT NULL,
    "consensus" "risk_level",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sample_revisions" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "import_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sample_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "images_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "judge_verdicts" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "judge" TEXT NOT NULL,
    "analysis" TEXT NOT NULL,
    "judgment" "risk_level" NOT NULL,

    CONSTRAINT "judge_verdicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prelabels" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "model_name" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "judgment" "risk_level" NOT NULL,
    "prob_safe" DOUBLE PRECISION,
    "prob_potential" DOUBLE PRECISION,
    "prob_harmful" DOUBLE PRECISION,
    "analysis" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'worker',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prelabels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "adjudications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "kind" "adjudication_kind" NOT NULL,
    "supported_judge" TEXT,
    "judgment" "risk_level" NOT NULL,
    "analysis" TEXT,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "round" "adjudication_round" NOT NULL DEFAULT 'first',
    "started_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adjudications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leases" (
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "round" "adjudication_round" NOT NULL DEFAULT 'first',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leases_pkey" PRIMARY KEY ("sample_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dataset_id" UUID,
    "actor_id" UUID,
    "file_name" TEXT NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'running',
    "skip_invalid" BOOLEAN NOT NULL DEFAULT false,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "export_kind" NOT NULL,
    "format" "export_format" NOT NULL,
    "filters" JSONB NOT NULL,
    "split" DOUBLE PRECISION,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "rows_written" INTEGER NOT NULL DEFAULT 0,
    "rows_total" INTEGER,
    "file_path" TEXT,
    "manifest" JSONB,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_session_token_key" ON "sessions"("session_token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "verification_tokens_token_key" ON "verification_tokens"("token");

-- CreateIndex
CREATE UNIQUE INDEX "verification_tokens_identifier_token_key" ON "verification_tokens"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_name_key" ON "datasets"("name");

-- CreateIndex
CREATE INDEX "samples_dataset_id_route_id_idx" ON "samples"("dataset_id", "route", "id");

-- CreateIndex
CREATE INDEX "samples_category_id_idx" ON "samples"("category", "id");

-- CreateIndex
CREATE INDEX "samples_image_condition_id_idx" ON "samples"("image_condition", "id");

-- CreateIndex
CREATE INDEX "samples_external_id_idx" ON "samples"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "samples_dataset_id_external_id_key" ON "samples"("dataset_id", "external_id");

-- CreateIndex
CREATE INDEX "sample_revisions_sample_id_idx" ON "sample_revisions"("sample_id");

-- CreateIndex
CREATE INDEX "judge_verdicts_judge_idx" ON "judge_verdicts"("judge");

-- CreateIndex
CREATE UNIQUE INDEX "judge_verdicts_sample_id_judge_key" ON "judge_verdicts"("sample_id", "judge");

-- CreateIndex
CREATE INDEX "prelabels_model_name_model_version_idx" ON "prelabels"("model_name", "model_version");

-- CreateIndex
CREATE UNIQUE INDEX "prelabels_sample_id_model_name_model_version_key" ON "prelabels"("sample_id", "model_name", "model_version");

-- CreateIndex
CREATE INDEX "adjudications_expert_id_created_at_idx" ON "adjudications"("expert_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "adjudications_sample_id_round_key" ON "adjudications"("sample_id", "round");

-- CreateIndex
CREATE UNIQUE INDEX "adjudications_sample_id_expert_id_key" ON "adjudications"("sample_id", "expert_id");

-- CreateIndex
CREATE INDEX "leases_expert_id_idx" ON "leases"("expert_id");

-- CreateIndex
CREATE INDEX "leases_expires_at_idx" ON "leases"("expires_at");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_at_idx" ON "audit_events"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_at_idx" ON "audit_events"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- CreateIndex
CREATE INDEX "import_runs_started_at_idx" ON "import_runs"("started_at");

-- CreateIndex
CREATE INDEX "exports_created_at_idx" ON "exports"("created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "samples" ADD CONSTRAINT "samples_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "samples" ADD CONSTRAINT "samples_image_sha256_fkey" FOREIGN KEY ("image_sha256") REFERENCES "images"("sha256") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_revisions" ADD CONSTRAINT "sample_revisions_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_revisions" ADD CONSTRAINT "sample_revisions_import_run_id_fkey" FOREIGN KEY ("import_run_id") REFERENCES "import_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judge_verdicts" ADD CONSTRAINT "judge_verdicts_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prelabels" ADD CONSTRAINT "prelabels_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leases" ADD CONSTRAINT "leases_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leases" ADD CONSTRAINT "leases_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: constraints Prisma cannot express.

-- A span is a non-empty range of character offsets into the thinking.
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_span_valid"
  CHECK ((span_start IS NULL AND span_end IS NULL) OR (span_start >= 0 AND span_end > span_start));
-- Siding with a judge names the judge; a correction carries its own analysis.
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_kind_fields"
  CHECK ((kind = 'supports_judge' AND supported_judge IS NOT NULL)
      OR (kind = 'correction' AND analysis IS NOT NULL));
ALTER TABLE "samples" ADD CONSTRAINT "samples_consensus_matches_route"
  CHECK ((route = 'no_majority') = (consensus IS NULL));
ALTER TABLE "samples" ADD CONSTRAINT "samples_attack_only_with_jailbreak"
  CHECK (attack IS NULL OR image_condition = 'jailbreak');
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_shares_are_fractions"
  CHECK (audit_share_bp BETWEEN 0 AND 10000 AND second_opinion_share_bp BETWEEN 0 AND 10000);
ALTER TABLE "prelabels" ADD CONSTRAINT "prelabels_probabilities_in_range"
  CHECK ((prob_safe IS NULL OR prob_safe BETWEEN 0 AND 1)
     AND (prob_potential IS NULL OR prob_potential BETWEEN 0 AND 1)
     AND (prob_harmful IS NULL OR prob_harmful BETWEEN 0 AND 1));
ALTER TABLE "images" ADD CONSTRAINT "images_sha256_hex" CHECK (sha256 ~ '^[0-9a-f]{64}$');

-- The audit trail is append-only: provable history needs the database itself to refuse rewrites.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
