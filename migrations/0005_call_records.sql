CREATE TABLE "call_records" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"hold_seconds" integer DEFAULT 0 NOT NULL,
	"hold_count" integer DEFAULT 0 NOT NULL,
	"held_since" timestamp with time zone,
	"transfer_count" integer DEFAULT 0 NOT NULL,
	"transfers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hung_up_by" text,
	"survey_offered_at" timestamp with time zone,
	"media" jsonb,
	"mos_x10" smallint,
	"mos_source" text,
	"loss_percent" real,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbound_calls" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_calls_ticket_id_idx" ON "outbound_calls" USING btree ("ticket_id");--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_target_ck" CHECK ("outbound_calls"."contact_id" is not null or "outbound_calls"."ticket_id" is not null);