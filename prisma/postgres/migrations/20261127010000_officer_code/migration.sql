-- AlterTable
ALTER TABLE "Officer" ADD COLUMN     "code" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Officer_code_key" ON "Officer"("code");

