-- AlterTable (hand-edited: existing rows are backfilled from their verdicts before NOT NULL)
ALTER TABLE "samples" ADD COLUMN     "votes" JSONB;
UPDATE "samples" s SET "votes" = coalesce(
  (SELECT jsonb_object_agg(j.judge, j.judgment::text::numeric) FROM judge_verdicts j WHERE j.sample_id = s.id), '{}'::jsonb);
ALTER TABLE "samples" ALTER COLUMN "votes" SET NOT NULL;

-- CreateIndex
CREATE INDEX "samples_dataset_id_votes_idx" ON "samples"("dataset_id", "votes");
