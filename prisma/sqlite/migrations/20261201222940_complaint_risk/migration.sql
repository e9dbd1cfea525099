-- AlterTable
ALTER TABLE "Message" ADD COLUMN "complaintRisk" REAL;
