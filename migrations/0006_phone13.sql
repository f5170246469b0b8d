ALTER TABLE "call_records" ADD COLUMN "survey_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_records" ADD COLUMN "survey_outcome" text;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "sip_call_id" text;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "outbound_call_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_outbound_call_id_outbound_calls_id_fk" FOREIGN KEY ("outbound_call_id") REFERENCES "public"."outbound_calls"("id") ON DELETE no action ON UPDATE no action;