-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "complaintRisk" DOUBLE PRECISION;
