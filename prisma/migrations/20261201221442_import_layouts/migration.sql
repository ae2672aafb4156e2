-- AlterEnum
ALTER TYPE "image_condition" ADD VALUE 'unknown';

-- AlterEnum
ALTER TYPE "vote_route" ADD VALUE 'reference';

-- AlterTable
ALTER TABLE "samples" ADD COLUMN     "image_name" TEXT,
ADD COLUMN     "match_key" TEXT,
ADD COLUMN     "reference_judgment" "risk_level",
ADD COLUMN     "reference_source" TEXT;

-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN     "dataset_name" TEXT,
ADD COLUMN     "format" TEXT,
ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "options" JSONB,
ADD COLUMN     "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "records_read" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rejections" JSONB,
ADD COLUMN     "rejects_file" TEXT;




-- Hand-written. The new enum values cannot be used as enum literals in the transaction that adds
-- them, so these checks compare the route as text.
-- A reference sample has no judges and so no consensus, like a sample without a majority.
ALTER TABLE "samples" DROP CONSTRAINT "samples_consensus_matches_route";
ALTER TABLE "samples" ADD CONSTRAINT "samples_consensus_matches_route"
  CHECK ((route::text IN ('no_majority', 'reference')) = (consensus IS NULL));
-- Route `reference` means the reference label is the only verdict there is.
ALTER TABLE "samples" ADD CONSTRAINT "samples_reference_route_has_label"
  CHECK (route::text <> 'reference' OR (reference_judgment IS NOT NULL AND judges = '[]'::jsonb));
ALTER TABLE "samples" ADD CONSTRAINT "samples_reference_source_with_label"
  CHECK ((reference_judgment IS NULL) = (reference_source IS NULL));
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_progress_fraction" CHECK (progress BETWEEN 0 AND 1);
-- Partial, so that an import (which leaves the key for `prelabel import` to fill) pays nothing for it.
CREATE INDEX "samples_match_key_idx" ON "samples" ("dataset_id", "match_key") WHERE match_key IS NOT NULL;
-- Evaluation statistics read the few samples with a reference label; this keeps that cheap at 1M.
CREATE INDEX "samples_with_reference_idx" ON "samples" ("dataset_id", "id") WHERE reference_judgment IS NOT NULL;
