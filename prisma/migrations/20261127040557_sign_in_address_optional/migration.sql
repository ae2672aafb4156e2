-- AlterTable
ALTER TABLE "sign_in_attempts" ALTER COLUMN "ip" DROP NOT NULL;

