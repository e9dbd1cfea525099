-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("name")
);

-- The escalation numbers go on from the highest one already handed out.
INSERT INTO "Sequence" ("name", "value") SELECT 'escalation', COALESCE(MAX("number"), 0) FROM "Escalation";
