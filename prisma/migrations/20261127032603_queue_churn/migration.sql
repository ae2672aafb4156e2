-- The claim's hot spots. Queue items carry their sample's dataset, so a claim filtered to one dataset
-- walks that dataset's queue rather than every older item of the others. Leases and queue items churn
-- (every claim inserts a lease; every decision deletes it and its queue item): dead rows at the head of
-- the queue slow each claim until a vacuum, so these two small tables are vacuumed after a few hundred
-- changes instead of after a fifth of the table. The lease index on expires_at served no query.

-- DropIndex
DROP INDEX "leases_expert_id_idx";

-- DropIndex
DROP INDEX "leases_expires_at_idx";

-- AlterTable: filled from the samples before the NOT NULL.
ALTER TABLE "queue_items" ADD COLUMN "dataset_id" UUID;
UPDATE "queue_items" q SET "dataset_id" = s.dataset_id FROM samples s WHERE s.id = q.sample_id;
ALTER TABLE "queue_items" ALTER COLUMN "dataset_id" SET NOT NULL;

-- CreateIndex
CREATE INDEX "leases_expert_id_created_at_idx" ON "leases"("expert_id", "created_at");

-- CreateIndex
CREATE INDEX "queue_items_dataset_id_priority_enqueued_at_sample_id_idx" ON "queue_items"("dataset_id", "priority", "enqueued_at", "sample_id");

ALTER TABLE "leases" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 200, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE "queue_items" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500, autovacuum_vacuum_cost_delay = 0);
