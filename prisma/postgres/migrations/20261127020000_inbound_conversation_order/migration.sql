-- CreateIndex
CREATE INDEX "InboundUpdate_chatKey_status_idx" ON "InboundUpdate"("chatKey", "status");
