CREATE TYPE "public"."chase_kind" AS ENUM('urge', 'circular');--> statement-breakpoint
CREATE TYPE "public"."callback_verdict" AS ENUM('unit_at_fault', 'not_unit_fault');--> statement-breakpoint
ALTER TYPE "public"."clock_stage" ADD VALUE 'final_warning' BEFORE 'due';--> statement-breakpoint
CREATE SEQUENCE "public"."history_ticket_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 100;--> statement-breakpoint
CREATE TABLE "call_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"agent_id" uuid,
	"rating" smallint NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_ratings_rating_ck" CHECK ("call_ratings"."rating" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "outbound_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"dialled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chase_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" "chase_kind" NOT NULL,
	"ticket_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"clock_id" uuid,
	CONSTRAINT "chase_notices_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "workflow_policy" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dispatch_models" (
	"version" serial PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"algorithm" text,
	"samples" integer DEFAULT 0 NOT NULL,
	"evaluation" jsonb,
	"model" "bytea",
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"trained_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dispatch_suggestion_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"user_id" uuid,
	"model_version" integer,
	"suggested_department_ids" uuid[] NOT NULL,
	"chosen_department_id" uuid NOT NULL,
	"took_top1" boolean NOT NULL,
	"took_any" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_kind" text NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "imported_tickets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"department_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"ticket_id" uuid,
	"evidence" text NOT NULL,
	"status" text NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"ruled_by" uuid,
	"ruled_at" timestamp with time zone,
	"ruling_note" text
);
--> statement-breakpoint
CREATE TABLE "assessment_months" (
	"month" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"scheme_version" integer,
	"snapshot" jsonb,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopened_by" uuid
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"version" serial PRIMARY KEY NOT NULL,
	"scheme" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotspot_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"count" bigint NOT NULL,
	"baseline" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"counter" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	"ticket_id" uuid,
	"contact_id" uuid,
	"ref_id" uuid,
	"department_id" uuid,
	"unit_id" uuid,
	"agent_id" uuid,
	"channel" text,
	"type" text,
	"matter_id" uuid,
	"area" text
);
--> statement-breakpoint
CREATE TABLE "metric_feed_state" (
	"feed" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_rollups" (
	"day" date NOT NULL,
	"counter" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"n" bigint NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "metric_rollups_dim_key_counter_day_pk" PRIMARY KEY("dim","key","counter","day")
);
--> statement-breakpoint
CREATE TABLE "metric_rollups_monthly" (
	"day" date NOT NULL,
	"counter" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"n" bigint NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "metric_rollups_monthly_dim_key_counter_day_pk" PRIMARY KEY("dim","key","counter","day")
);
--> statement-breakpoint
CREATE TABLE "metric_sources" (
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"version" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metric_sources_source_kind_source_id_pk" PRIMARY KEY("source_kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "rating_rulings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"callback_id" uuid,
	"call_rating_id" uuid,
	"unreasonable" boolean NOT NULL,
	"reason" text NOT NULL,
	"ruled_by" uuid,
	"ruled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rating_rulings_one_target_ck" CHECK (("rating_rulings"."callback_id" is null) <> ("rating_rulings"."call_rating_id" is null))
);
--> statement-breakpoint
CREATE TABLE "supervision_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text NOT NULL,
	"rows" bigint,
	"bytes" bigint,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "chase_minutes_after_due" double precision DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "public_notice_minutes_after_chase" double precision DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "review_pauses_clock" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "resume_minimum_minutes" double precision DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "leader_name" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "leader_phone" text;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD COLUMN "legal_basis" text;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD COLUMN "automatic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD COLUMN "clock_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "verdict" "callback_verdict";--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "verdict_reason" text;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "verdict_by" uuid;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD COLUMN "verdict_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_ratings" ADD CONSTRAINT "call_ratings_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ratings" ADD CONSTRAINT "call_ratings_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_calls" ADD CONSTRAINT "outbound_calls_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_policy" ADD CONSTRAINT "workflow_policy_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_chosen_department_id_departments_id_fk" FOREIGN KEY ("chosen_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_imports" ADD CONSTRAINT "history_imports_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_tickets" ADD CONSTRAINT "imported_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_tickets" ADD CONSTRAINT "imported_tickets_import_id_history_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."history_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_ruled_by_users_id_fk" FOREIGN KEY ("ruled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_months" ADD CONSTRAINT "assessment_months_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_months" ADD CONSTRAINT "assessment_months_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_rulings" ADD CONSTRAINT "rating_rulings_callback_id_ticket_callbacks_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."ticket_callbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_rulings" ADD CONSTRAINT "rating_rulings_call_rating_id_call_ratings_id_fk" FOREIGN KEY ("call_rating_id") REFERENCES "public"."call_ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_rulings" ADD CONSTRAINT "rating_rulings_ruled_by_users_id_fk" FOREIGN KEY ("ruled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_reports" ADD CONSTRAINT "supervision_reports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_ratings_contact_uq" ON "call_ratings" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "call_ratings_agent_idx" ON "call_ratings" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "call_ratings_rated_at_idx" ON "call_ratings" USING btree ("rated_at");--> statement-breakpoint
CREATE INDEX "outbound_calls_contact_id_idx" ON "outbound_calls" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "chase_notices_ticket_idx" ON "chase_notices" USING btree ("ticket_id","issued_at");--> statement-breakpoint
CREATE INDEX "chase_notices_department_idx" ON "chase_notices" USING btree ("department_id","issued_at");--> statement-breakpoint
CREATE INDEX "chase_notices_issued_by_idx" ON "chase_notices" USING btree ("issued_by");--> statement-breakpoint
CREATE UNIQUE INDEX "chase_notices_clock_kind_uq" ON "chase_notices" USING btree ("clock_id","kind");--> statement-breakpoint
CREATE INDEX "workflow_policy_updated_by_idx" ON "workflow_policy" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_ticket_idx" ON "dispatch_suggestion_choices" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_user_idx" ON "dispatch_suggestion_choices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_chosen_idx" ON "dispatch_suggestion_choices" USING btree ("chosen_department_id");--> statement-breakpoint
CREATE INDEX "history_imports_started_by_idx" ON "history_imports" USING btree ("started_by");--> statement-breakpoint
CREATE INDEX "imported_tickets_import_idx" ON "imported_tickets" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "assessment_disputes_month_dept_idx" ON "assessment_disputes" USING btree ("month","department_id");--> statement-breakpoint
CREATE INDEX "assessment_disputes_ref_idx" ON "assessment_disputes" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "assessment_disputes_filed_by_idx" ON "assessment_disputes" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "assessment_disputes_ruled_by_idx" ON "assessment_disputes" USING btree ("ruled_by");--> statement-breakpoint
CREATE UNIQUE INDEX "hotspot_alerts_dim_key_bucket_uq" ON "hotspot_alerts" USING btree ("dim","key","bucket");--> statement-breakpoint
CREATE INDEX "hotspot_alerts_created_idx" ON "hotspot_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metric_facts_source_idx" ON "metric_facts" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "metric_facts_counter_day_idx" ON "metric_facts" USING btree ("counter","day");--> statement-breakpoint
CREATE INDEX "metric_facts_counter_unit_day_idx" ON "metric_facts" USING btree ("counter","unit_id","day");--> statement-breakpoint
CREATE INDEX "metric_facts_counter_dept_day_idx" ON "metric_facts" USING btree ("counter","department_id","day");--> statement-breakpoint
CREATE INDEX "metric_rollups_day_idx" ON "metric_rollups" USING btree ("day","dim");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_rulings_callback_uq" ON "rating_rulings" USING btree ("callback_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_rulings_call_rating_uq" ON "rating_rulings" USING btree ("call_rating_id");--> statement-breakpoint
CREATE INDEX "rating_rulings_ruled_by_idx" ON "rating_rulings" USING btree ("ruled_by");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_reports_period_uq" ON "supervision_reports" USING btree ("kind","period_from");--> statement-breakpoint
CREATE INDEX "supervision_reports_requested_by_idx" ON "supervision_reports" USING btree ("requested_by");--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_verdict_by_users_id_fk" FOREIGN KEY ("verdict_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_orders_clock_uq" ON "supervision_orders" USING btree ("clock_id");--> statement-breakpoint
CREATE INDEX "ticket_callbacks_verdict_by_idx" ON "ticket_callbacks" USING btree ("verdict_by");--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_number_unique" UNIQUE("number");