-- Judges move into their sample (samples.judges, the import format's array), facets get a table, and
-- three sample indexes no query needs any more go: each cost every import more than it saved a read.

-- CreateEnum
CREATE TYPE "facet_kind" AS ENUM ('attack', 'source', 'model', 'judge');

-- DropIndex
DROP INDEX "samples_category_id_idx";

-- DropIndex
DROP INDEX "samples_image_condition_id_idx";

-- DropIndex
DROP INDEX "samples_dataset_id_votes_idx";

-- CreateTable
CREATE TABLE "dataset_facets" (
    "dataset_id" UUID NOT NULL,
    "facet" "facet_kind" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "dataset_facets_pkey" PRIMARY KEY ("dataset_id","facet","value")
);

-- AddForeignKey
ALTER TABLE "dataset_facets" ADD CONSTRAINT "dataset_facets_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The facets of the samples already stored.
INSERT INTO "dataset_facets" ("dataset_id", "facet", "value")
SELECT dataset_id, 'attack'::facet_kind, attack FROM samples WHERE attack IS NOT NULL
UNION SELECT dataset_id, 'source'::facet_kind, source FROM samples WHERE source IS NOT NULL
UNION SELECT dataset_id, 'model'::facet_kind, model FROM samples WHERE model IS NOT NULL
UNION SELECT s.dataset_id, 'judge'::facet_kind, j.judge FROM judge_verdicts j JOIN samples s ON s.id = j.sample_id;

-- AlterTable: filled from the verdicts before the NOT NULL.
ALTER TABLE "samples" ADD COLUMN "judges" JSONB;
UPDATE samples s SET judges = v.judges
  FROM (SELECT sample_id, jsonb_agg(jsonb_build_object('name', judge, 'analysis', analysis, 'judgment', judgment::text::numeric)
                                    ORDER BY position) AS judges
          FROM judge_verdicts GROUP BY sample_id) v
 WHERE v.sample_id = s.id;
UPDATE samples SET judges = '[]' WHERE judges IS NULL;
ALTER TABLE "samples" ALTER COLUMN "judges" SET NOT NULL;
ALTER TABLE "samples" ADD CONSTRAINT "samples_judges_is_array" CHECK (jsonb_typeof(judges) = 'array');

-- DropTable
DROP TABLE "judge_verdicts";

-- The long texts compress with lz4 where the server was built with it (a third of pglz's cost on import,
-- and faster to read back for the export); other servers keep pglz. Applies to rows written from now on.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE samples ALTER COLUMN question SET COMPRESSION lz4, ALTER COLUMN thinking SET COMPRESSION lz4,
                        ALTER COLUMN answer SET COMPRESSION lz4, ALTER COLUMN judges SET COMPRESSION lz4;
  END IF;
END $$;
