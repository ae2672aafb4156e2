-- AlterTable (hand-edited: existing rows are backfilled before NOT NULL; lib/queue/buckets.ts computes the same values)
ALTER TABLE "samples" ADD COLUMN     "audit_bucket" SMALLINT,
ADD COLUMN     "review_bucket" SMALLINT;
UPDATE "samples" SET
  "audit_bucket" = (('x' || substr(encode(sha256(convert_to('audit:' || external_id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint % 10000)::smallint,
  "review_bucket" = (('x' || substr(encode(sha256(convert_to('review:' || external_id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint % 10000)::smallint;
ALTER TABLE "samples" ALTER COLUMN "audit_bucket" SET NOT NULL, ALTER COLUMN "review_bucket" SET NOT NULL;

-- AlterTable
ALTER TABLE "adjudications" ADD COLUMN     "undo_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "queue_items" (
    "sample_id" INTEGER NOT NULL,
    "round" "adjudication_round" NOT NULL,
    "priority" SMALLINT NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "excluded_expert_id" UUID,

    CONSTRAINT "queue_items_pkey" PRIMARY KEY ("sample_id","round")
);

-- CreateTable
CREATE TABLE "queue_skips" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_skips_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sample_flags" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,

    CONSTRAINT "sample_flags_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "queue_items_priority_enqueued_at_sample_id_idx" ON "queue_items"("priority", "enqueued_at", "sample_id");

-- CreateIndex
CREATE INDEX "queue_skips_expert_id_sample_id_idx" ON "queue_skips"("expert_id", "sample_id");

-- CreateIndex
CREATE INDEX "queue_skips_sample_id_idx" ON "queue_skips"("sample_id");

-- CreateIndex
CREATE INDEX "sample_flags_sample_id_idx" ON "sample_flags"("sample_id");

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_skips" ADD CONSTRAINT "queue_skips_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_skips" ADD CONSTRAINT "queue_skips_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_flags" ADD CONSTRAINT "sample_flags_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_flags" ADD CONSTRAINT "sample_flags_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_flags" ADD CONSTRAINT "sample_flags_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written.
ALTER TABLE "samples" ADD CONSTRAINT "samples_buckets_in_range"
  CHECK (audit_bucket BETWEEN 0 AND 9999 AND review_bucket BETWEEN 0 AND 9999);
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_priority_known" CHECK (priority BETWEEN 0 AND 3);
ALTER TABLE "queue_skips" ADD CONSTRAINT "queue_skips_reason_given" CHECK (length(btrim(reason)) > 0);
ALTER TABLE "sample_flags" ADD CONSTRAINT "sample_flags_note_given" CHECK (length(btrim(note)) > 0);
-- Claims skip flagged samples: the open flags are few, so index only those.
CREATE INDEX "sample_flags_open_idx" ON "sample_flags"("sample_id") WHERE resolved_at IS NULL;
CREATE INDEX "adjudications_expert_sample_idx" ON "adjudications"("expert_id", "sample_id");

-- Queue what existing samples need (the same rule as lib/queue/sync-queue.ts).
INSERT INTO "queue_items" (sample_id, round, priority, enqueued_at)
SELECT s.id, 'first',
       CASE s.route WHEN 'no_majority' THEN 0
                    WHEN 'majority' THEN CASE WHEN EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.judgment <> s.consensus) THEN 1 ELSE 2 END
                    ELSE 3 END,
       s.created_at
  FROM samples s JOIN datasets d ON d.id = s.dataset_id
 WHERE (s.route <> 'unanimous' OR s.audit_bucket < d.audit_share_bp)
   AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'first');
