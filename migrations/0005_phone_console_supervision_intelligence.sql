CREATE TABLE "call_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"call_id" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
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
CREATE TABLE "intelligence_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotspot_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "monthly_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"topic_key" text NOT NULL,
	"label" text NOT NULL,
	"note" text,
	"evidence" jsonb NOT NULL,
	"picked_by" uuid,
	"picked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbound_calls" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD COLUMN "result" text;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD COLUMN "contact_method" text;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD COLUMN "direct" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD COLUMN "confidence" real;--> statement-breakpoint
ALTER TABLE "history_imports" ADD COLUMN "rows_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "reply_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intelligence_settings" ADD CONSTRAINT "intelligence_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotspot_settings" ADD CONSTRAINT "hotspot_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_picked_by_users_id_fk" FOREIGN KEY ("picked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_recordings_contact_uq" ON "call_recordings" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "call_recordings_expires_idx" ON "call_recordings" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "hotspot_settings_updated_by_idx" ON "hotspot_settings" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_topics_month_key_uq" ON "monthly_topics" USING btree ("month","topic_key");--> statement-breakpoint
CREATE INDEX "monthly_topics_picked_by_idx" ON "monthly_topics" USING btree ("picked_by");--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_calls_ticket_id_idx" ON "outbound_calls" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "metric_rollups_trend_idx" ON "metric_rollups" USING btree ("dim","key","day","counter","total");--> statement-breakpoint
CREATE INDEX "ticket_attachments_reply_idx" ON "ticket_attachments" USING btree ("reply_id");--> statement-breakpoint
CREATE INDEX "ticket_attachments_department_idx" ON "ticket_attachments" USING btree ("department_id");--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_target_ck" CHECK ("outbound_calls"."contact_id" is not null or "outbound_calls"."ticket_id" is not null);