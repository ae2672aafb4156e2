-- Exports now run as jobs of the worker's queue, which has no job for an export queued or running before
-- this release: those are closed with a reason instead of waiting for ever.
UPDATE "exports" SET "status" = 'failed', "error" = 'interrupted by the upgrade that moved exports to the worker; ask for it again', "finished_at" = now()
 WHERE "status" IN ('queued', 'running');

-- AlterTable
ALTER TABLE "exports" DROP COLUMN "heartbeat_at";
