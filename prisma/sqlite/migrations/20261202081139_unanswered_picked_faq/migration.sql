-- AlterTable
ALTER TABLE "UnansweredQuestion" ADD COLUMN "pickedFaqId" TEXT;
