-- AlterTable
ALTER TABLE "samples" ADD COLUMN     "token_counts" JSONB;

-- AlterTable
ALTER TABLE "prelabels" ADD COLUMN     "analysis_tokens" INTEGER;

-- AlterTable
ALTER TABLE "adjudications" ADD COLUMN     "analysis_tokens" INTEGER;

-- AlterTable
ALTER TABLE "guard_profiles" ADD COLUMN     "system_prompt_tokens" INTEGER,
ADD COLUMN     "template_tokens" INTEGER;


-- Hand-written: the token job finds what it has not counted yet through these, however large the tables.
CREATE INDEX "samples_uncounted_idx" ON "samples" ("id") WHERE token_counts IS NULL;
CREATE INDEX "adjudications_uncounted_idx" ON "adjudications" ("created_at") WHERE analysis_tokens IS NULL AND analysis IS NOT NULL;
CREATE INDEX "prelabels_uncounted_idx" ON "prelabels" ("id") WHERE analysis_tokens IS NULL AND analysis IS NOT NULL;
