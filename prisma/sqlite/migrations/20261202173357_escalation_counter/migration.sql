-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- The escalation numbers go on from the highest one already handed out.
INSERT INTO "Sequence" ("name", "value") SELECT 'escalation', COALESCE(MAX("number"), 0) FROM "Escalation";
