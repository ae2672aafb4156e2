-- CreateEnum
CREATE TYPE "gold_origin" AS ENUM ('reference', 'promoted');

-- AlterTable
ALTER TABLE "datasets" ADD COLUMN     "calibration_items" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gold_floor_bp" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gold_rate_bp" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "gold_items" (
    "sample_id" INTEGER NOT NULL,
    "dataset_id" UUID NOT NULL,
    "judgment" "risk_level" NOT NULL,
    "explanation" TEXT,
    "origin" "gold_origin" NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gold_items_pkey" PRIMARY KEY ("sample_id")
);

-- CreateTable
CREATE TABLE "gold_answers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "expected" "risk_level" NOT NULL,
    "calibration_round" INTEGER,
    "served_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "set_aside" TEXT,
    "kind" "adjudication_kind",
    "supported_judge" TEXT,
    "judgment" "risk_level",
    "analysis" TEXT,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "correct" BOOLEAN,
    "undo_until" TIMESTAMPTZ(3),

    CONSTRAINT "gold_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_standings" (
    "expert_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "calibration_round" INTEGER NOT NULL DEFAULT 1,
    "calibrated_at" TIMESTAMPTZ(3),
    "calibration_failed_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "pause_lifted_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expert_standings_pkey" PRIMARY KEY ("expert_id","dataset_id")
);

-- CreateIndex
CREATE INDEX "gold_items_dataset_id_idx" ON "gold_items"("dataset_id");

-- CreateIndex
CREATE INDEX "gold_answers_expert_id_answered_at_idx" ON "gold_answers"("expert_id", "answered_at");

-- CreateIndex
CREATE INDEX "gold_answers_dataset_id_answered_at_idx" ON "gold_answers"("dataset_id", "answered_at");

-- CreateIndex
CREATE UNIQUE INDEX "gold_answers_sample_id_expert_id_key" ON "gold_answers"("sample_id", "expert_id");

-- CreateIndex
CREATE INDEX "expert_standings_dataset_id_idx" ON "expert_standings"("dataset_id");

-- AddForeignKey
ALTER TABLE "gold_items" ADD CONSTRAINT "gold_items_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gold_items" ADD CONSTRAINT "gold_items_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gold_items" ADD CONSTRAINT "gold_items_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_standings" ADD CONSTRAINT "expert_standings_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_standings" ADD CONSTRAINT "expert_standings_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the shapes the schema cannot state.
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_quality_control_in_range"
  CHECK (gold_rate_bp BETWEEN 0 AND 10000 AND gold_floor_bp BETWEEN 0 AND 10000 AND calibration_items BETWEEN 0 AND 1000);
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_span_valid"
  CHECK ((span_start IS NULL AND span_end IS NULL) OR (span_start >= 0 AND span_end > span_start));
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_set_aside_known" CHECK (set_aside IS NULL OR set_aside IN ('skip', 'flag'));
-- Open, answered (scored), or set aside (closed, unscored): never two at once.
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_one_outcome"
  CHECK ((answered_at IS NULL AND judgment IS NULL AND set_aside IS NULL AND correct IS NULL)
      OR (answered_at IS NOT NULL AND judgment IS NOT NULL AND correct IS NOT NULL AND set_aside IS NULL AND kind IS NOT NULL)
      OR (answered_at IS NOT NULL AND judgment IS NULL AND correct IS NULL AND set_aside IS NOT NULL));
ALTER TABLE "expert_standings" ADD CONSTRAINT "expert_standings_round_positive" CHECK (calibration_round >= 1);
