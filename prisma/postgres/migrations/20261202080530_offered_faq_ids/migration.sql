-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "offeredFaqIds" JSONB NOT NULL DEFAULT '[]';
