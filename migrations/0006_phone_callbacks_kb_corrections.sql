CREATE TYPE "public"."kb_correction_status" AS ENUM('open', 'made', 'rejected');--> statement-breakpoint
CREATE TABLE "kb_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"matter_version_id" uuid,
	"department_id" uuid NOT NULL,
	"notice_id" uuid,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "kb_correction_status" DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution_note" text
);
--> statement-breakpoint
ALTER TABLE "call_records" ADD COLUMN "survey_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_records" ADD COLUMN "survey_outcome" text;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD COLUMN "sip_call_id" text;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "outbound_call_id" uuid;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_matter_id_kb_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."kb_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_matter_version_id_kb_matter_versions_id_fk" FOREIGN KEY ("matter_version_id") REFERENCES "public"."kb_matter_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_notice_id_ticket_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."ticket_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_corrections" ADD CONSTRAINT "kb_corrections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_corrections_open_idx" ON "kb_corrections" USING btree ("requested_at") WHERE "kb_corrections"."status" = 'open';--> statement-breakpoint
CREATE INDEX "kb_corrections_department_idx" ON "kb_corrections" USING btree ("department_id","requested_at");--> statement-breakpoint
CREATE INDEX "kb_corrections_matter_idx" ON "kb_corrections" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "kb_corrections_matter_version_idx" ON "kb_corrections" USING btree ("matter_version_id");--> statement-breakpoint
CREATE INDEX "kb_corrections_notice_idx" ON "kb_corrections" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "kb_corrections_requested_by_idx" ON "kb_corrections" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "kb_corrections_resolved_by_idx" ON "kb_corrections" USING btree ("resolved_by");--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_outbound_call_id_outbound_calls_id_fk" FOREIGN KEY ("outbound_call_id") REFERENCES "public"."outbound_calls"("id") ON DELETE no action ON UPDATE no action;