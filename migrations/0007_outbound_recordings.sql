ALTER TABLE "call_recordings" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "call_recordings" ADD COLUMN "outbound_call_id" uuid;--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_outbound_call_id_outbound_calls_id_fk" FOREIGN KEY ("outbound_call_id") REFERENCES "public"."outbound_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_recordings_outbound_call_uq" ON "call_recordings" USING btree ("outbound_call_id");--> statement-breakpoint
CREATE INDEX "outbound_calls_sip_call_id_idx" ON "outbound_calls" USING btree ("sip_call_id");--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_subject_ck" CHECK (("call_recordings"."contact_id" is null) <> ("call_recordings"."outbound_call_id" is null));