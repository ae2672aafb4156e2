-- CreateEnum
CREATE TYPE "comment_kind" AS ENUM ('comment', 'flag', 'resolution');

-- CreateTable
CREATE TABLE "comments" (
    "id" BIGSERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "author_id" UUID NOT NULL,
    "kind" "comment_kind" NOT NULL DEFAULT 'comment',
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_mentions" (
    "comment_id" BIGINT NOT NULL,
    "user_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "comment_mentions_pkey" PRIMARY KEY ("comment_id","user_id")
);

-- CreateIndex
CREATE INDEX "comments_sample_id_created_at_idx" ON "comments"("sample_id", "created_at");

-- CreateIndex
CREATE INDEX "comment_mentions_user_id_read_at_idx" ON "comment_mentions"("user_id", "read_at");

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a comment says something, within the length the schema allows.
ALTER TABLE "comments" ADD CONSTRAINT "comments_body_length" CHECK (length(btrim(body)) > 0 AND length(body) <= 10000);
