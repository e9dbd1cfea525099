-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "routingReason" TEXT,
ADD COLUMN     "tier" TEXT;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "number" INTEGER;

-- CreateTable
CREATE TABLE "CachedToken" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CachedToken_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Lease" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ProcessedEvent_at_idx" ON "ProcessedEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_number_key" ON "Escalation"("number");
