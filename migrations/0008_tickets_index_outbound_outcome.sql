ALTER TABLE "outbound_calls" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "sip_code" integer;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "call_recordings_call_id_idx" ON "call_recordings" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at","id");--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_outcome_ck" CHECK (outcome is null or outcome in ('answered', 'no_answer', 'busy', 'declined', 'failed'));