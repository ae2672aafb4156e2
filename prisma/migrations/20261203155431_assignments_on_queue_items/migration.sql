-- DropForeignKey
ALTER TABLE "sample_assignments" DROP CONSTRAINT "sample_assignments_sample_id_fkey";

-- DropForeignKey
ALTER TABLE "sample_assignments" DROP CONSTRAINT "sample_assignments_expert_id_fkey";

-- DropForeignKey
ALTER TABLE "sample_assignments" DROP CONSTRAINT "sample_assignments_assigned_by_id_fkey";

-- AlterTable
ALTER TABLE "queue_items" ADD COLUMN     "assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "assigned_to_id" UUID,
ADD COLUMN     "assigned_until" TIMESTAMPTZ(3);

-- DropTable
DROP TABLE "sample_assignments";

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: an assignment has its expert and its end together; the claim's first look is a range of
-- the expert's assigned items, oldest assignment first.
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_assignment_whole"
  CHECK ((assigned_to_id IS NULL) = (assigned_until IS NULL) AND (assigned_to_id IS NULL) = (assigned_at IS NULL));
CREATE INDEX "queue_items_assigned_to" ON "queue_items" ("assigned_to_id", "assigned_at") WHERE assigned_to_id IS NOT NULL;
