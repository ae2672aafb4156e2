-- AlterTable
ALTER TABLE "users" ADD COLUMN     "grayscale_images" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reveal_images" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "datasets" ADD COLUMN     "break_after_minutes" INTEGER,
ADD COLUMN     "daily_cap" INTEGER;


-- Hand-written: a cap of 0 or a break after 0 minutes would close the queue or nag on every claim; "none" is NULL.
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_daily_cap_positive" CHECK ("daily_cap" IS NULL OR "daily_cap" > 0),
  ADD CONSTRAINT "datasets_break_after_positive" CHECK ("break_after_minutes" IS NULL OR "break_after_minutes" > 0);
