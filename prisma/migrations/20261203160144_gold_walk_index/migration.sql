-- DropIndex
DROP INDEX "gold_items_dataset_id_idx";

-- CreateIndex
CREATE INDEX "gold_items_dataset_id_sample_id_idx" ON "gold_items"("dataset_id", "sample_id");

