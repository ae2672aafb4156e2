-- AlterTable
ALTER TABLE "users" ADD COLUMN     "groups" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "dataset_access" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" UUID NOT NULL,
    "expert_id" UUID,
    "group_name" TEXT,

    CONSTRAINT "dataset_access_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sample_assignments" (
    "sample_id" INTEGER NOT NULL,
    "expert_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "assigned_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sample_assignments_pkey" PRIMARY KEY ("sample_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dataset_access_dataset_id_expert_id_key" ON "dataset_access"("dataset_id", "expert_id");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_access_dataset_id_group_name_key" ON "dataset_access"("dataset_id", "group_name");

-- CreateIndex
CREATE INDEX "sample_assignments_expert_id_expires_at_created_at_idx" ON "sample_assignments"("expert_id", "expires_at", "created_at");

-- AddForeignKey
ALTER TABLE "dataset_access" ADD CONSTRAINT "dataset_access_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_access" ADD CONSTRAINT "dataset_access_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_assignments" ADD CONSTRAINT "sample_assignments_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_assignments" ADD CONSTRAINT "sample_assignments_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sample_assignments" ADD CONSTRAINT "sample_assignments_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: each access row names one expert or one group.
ALTER TABLE "dataset_access" ADD CONSTRAINT "dataset_access_one_subject" CHECK ((expert_id IS NULL) <> (group_name IS NULL));
