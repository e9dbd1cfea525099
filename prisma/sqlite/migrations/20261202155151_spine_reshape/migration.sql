-- AlterTable
ALTER TABLE "Message" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "routingReason" TEXT;
ALTER TABLE "Message" ADD COLUMN "tier" TEXT;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN "number" INTEGER;

-- CreateTable
CREATE TABLE "CachedToken" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Lease" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ProcessedEvent_at_idx" ON "ProcessedEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_number_key" ON "Escalation"("number");
