-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "inboxId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "suggestions" JSONB NOT NULL DEFAULT '[]',
    "offeredFaqIds" JSONB NOT NULL DEFAULT '[]',
    "externalId" TEXT,
    "replyKey" TEXT,
    "inReplyToId" TEXT,
    "status" TEXT NOT NULL,
    "failureReason" TEXT,
    "faqId" TEXT,
    "confidence" REAL,
    "complaintRisk" REAL,
    "agentId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_inboxId_fkey" FOREIGN KEY ("inboxId") REFERENCES "Inbox" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("agentId", "attachments", "attempts", "author", "complaintRisk", "confidence", "conversationId", "createdAt", "direction", "externalId", "failureReason", "faqId", "id", "inReplyToId", "inboxId", "replyKey", "sentAt", "status", "suggestions", "text") SELECT "agentId", "attachments", "attempts", "author", "complaintRisk", "confidence", "conversationId", "createdAt", "direction", "externalId", "failureReason", "faqId", "id", "inReplyToId", "inboxId", "replyKey", "sentAt", "status", "suggestions", "text" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE UNIQUE INDEX "Message_replyKey_key" ON "Message"("replyKey");
CREATE INDEX "Message_conversationId_createdAt_idx" ON "Message"("conversationId", "createdAt");
CREATE INDEX "Message_status_idx" ON "Message"("status");
CREATE UNIQUE INDEX "Message_inboxId_externalId_key" ON "Message"("inboxId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
