CREATE TYPE "public"."calendar_source" AS ENUM('chinese-days', 'admin');--> statement-breakpoint
CREATE TYPE "public"."agent_break_reason" AS ENUM('rest', 'meal', 'meeting', 'training', 'paperwork', 'ring_no_answer', 'rejected', 'connection_lost');--> statement-breakpoint
CREATE TYPE "public"."agent_state" AS ENUM('offline', 'ready', 'ringing', 'talking', 'wrap_up', 'break');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('call', 'web', 'letter', 'callback');--> statement-breakpoint
CREATE TYPE "public"."contact_priority" AS ENUM('transfer_back', 'green_channel', 'normal');--> statement-breakpoint
CREATE TYPE "public"."contact_state" AS ENUM('queued', 'offered', 'connected', 'ended', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."skill_group" AS ENUM('general', 'business', 'dialect', 'foreign_language', 'expert', 'letters');--> statement-breakpoint
CREATE TYPE "public"."clock_kind" AS ENUM('sign_for', 'return_window', 'handling', 'extension', 'callback');--> statement-breakpoint
CREATE TYPE "public"."clock_stage" AS ENUM('warning', 'due', 'chase', 'public_notice');--> statement-breakpoint
CREATE TYPE "public"."clock_state" AS ENUM('running', 'paused', 'met', 'breached');--> statement-breakpoint
CREATE TYPE "public"."clock_unit" AS ENUM('calendar_minutes', 'working_days');--> statement-breakpoint
CREATE TYPE "public"."dispatch_role" AS ENUM('lead', 'co');--> statement-breakpoint
CREATE TYPE "public"."return_reason" AS ENUM('wrong_area', 'unclear_ownership', 'overlapping_duties', 'other');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."satisfaction" AS ENUM('satisfied', 'basically_satisfied', 'dissatisfied');--> statement-breakpoint
CREATE TYPE "public"."supervision_level" AS ENUM('general', 'key', 'listed');--> statement-breakpoint
CREATE TYPE "public"."kb_gap_source" AS ENUM('search_miss', 'no_matching_matter');--> statement-breakpoint
CREATE TYPE "public"."kb_material_form" AS ENUM('original', 'copy', 'original_and_copy', 'electronic');--> statement-breakpoint
CREATE TYPE "public"."kb_version_status" AS ENUM('draft', 'review', 'published', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."kb_visit_class" AS ENUM('zero_visit', 'one_visit', 'exception');--> statement-breakpoint
CREATE TYPE "public"."notice_delivery_status" AS ENUM('not_sent', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sms_status" AS ENUM('queued', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."ticket_due_kind" AS ENUM('sign_for', 'return_window', 'handling', 'extension', 'callback');--> statement-breakpoint
CREATE TYPE "public"."ticket_channel" AS ENUM('phone', 'web', 'counter', 'letter', 'sms', 'transfer');--> statement-breakpoint
CREATE TYPE "public"."ticket_state" AS ENUM('intake', 'answered', 'rejected', 'transferred', 'merged', 'pending_dispatch', 'awaiting_sign', 'return_review', 'in_progress', 'replied', 'awaiting_callback', 'closed', 'archived');--> statement-breakpoint
CREATE TYPE "public"."ticket_type" AS ENUM('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise');--> statement-breakpoint
CREATE TYPE "public"."ticket_urgency" AS ENUM('normal', 'urgent', 'critical');--> statement-breakpoint
CREATE SEQUENCE "public"."ticket_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "working_calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"is_working_day" boolean NOT NULL,
	"name" text,
	"source" "calendar_source" NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acd_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_skills" (
	"agent_id" uuid NOT NULL,
	"skill" "skill_group" NOT NULL,
	"level" smallint NOT NULL,
	CONSTRAINT "agent_skills_agent_id_skill_pk" PRIMARY KEY("agent_id","skill")
);
--> statement-breakpoint
CREATE TABLE "agent_state_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"state" "agent_state" NOT NULL,
	"reason" "agent_break_reason",
	"contact_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"call_id" text,
	"caller_number" text,
	"priority" "contact_priority" NOT NULL,
	"green_channel" boolean DEFAULT false NOT NULL,
	"skill_group" "skill_group" NOT NULL,
	"state" "contact_state" NOT NULL,
	"reference" text,
	"parent_contact_id" uuid,
	"enqueued_at" timestamp with time zone NOT NULL,
	"offered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"agent_id" uuid,
	"offer_count" integer DEFAULT 0 NOT NULL,
	"wait_seconds" integer,
	"talk_seconds" integer,
	"callback_offered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telephony_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"call_id" text NOT NULL,
	"contact_id" uuid,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clock_policy_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"kind" "clock_kind" NOT NULL,
	"ticket_type" text,
	"urgency" text,
	"category" text,
	"amount" double precision NOT NULL,
	"unit" "clock_unit" NOT NULL,
	"priority" integer NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clock_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"warning_fraction" double precision NOT NULL,
	"warning_working_days_before" integer NOT NULL,
	"chase_working_days_after_due" integer NOT NULL,
	"public_notice_working_days_after_chase" integer NOT NULL,
	"auto_sign_on_sign_for_due" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clock_settings_single_row" CHECK ("clock_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "clock_stage_firings" (
	"clock_id" uuid NOT NULL,
	"stage" "clock_stage" NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clock_stage_firings_clock_id_stage_pk" PRIMARY KEY("clock_id","stage")
);
--> statement-breakpoint
CREATE TABLE "ticket_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"round_id" uuid,
	"department_id" uuid,
	"kind" "clock_kind" NOT NULL,
	"unit" "clock_unit" NOT NULL,
	"ticket_type" text NOT NULL,
	"urgency" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" "clock_state" DEFAULT 'running' NOT NULL,
	"stopped_at" timestamp with time zone,
	"total_extension_days" integer DEFAULT 0 NOT NULL,
	"next_stage" "clock_stage",
	"next_stage_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_catalogue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid,
	"matter_code" text,
	"category" text,
	"ticket_type" text,
	"area_keyword" text,
	"department_id" uuid NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"department_id" uuid NOT NULL,
	"role" "dispatch_role" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"designated" boolean DEFAULT false NOT NULL,
	"reopened" boolean DEFAULT false NOT NULL,
	"dispatched_at" timestamp with time zone NOT NULL,
	"dispatched_by" uuid,
	"sign_due_at" timestamp with time zone,
	"return_due_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"handling_due_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_reason" "return_reason",
	"return_basis" text,
	"returned_from" text,
	"return_review" "review_status",
	"return_reviewed_at" timestamp with time zone,
	"return_reviewed_by" uuid,
	"return_review_comment" text,
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text,
	"new_due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"level" "supervision_level" NOT NULL,
	"instruction" text NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ticket_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"agent_id" uuid,
	"reached" boolean NOT NULL,
	"satisfaction" "satisfaction",
	"solved" boolean,
	"unit_at_fault" boolean,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "ticket_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"head_signed_off_at" timestamp with time zone,
	"head_signed_off_by" uuid,
	"review" "review_status" DEFAULT 'pending' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text
);
--> statement-breakpoint
CREATE TABLE "kb_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"situation_codes" text[] NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_bundles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "kb_gaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question" text NOT NULL,
	"source" "kb_gap_source" NOT NULL,
	"ticket_id" uuid,
	"reported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolved_matter_id" uuid
);
--> statement-breakpoint
CREATE TABLE "kb_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"situation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"form" "kb_material_form" NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"required" boolean NOT NULL,
	"deferrable" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"shared_electronically" boolean DEFAULT false NOT NULL,
	"note" text,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_matter_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" "kb_version_status" NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"visit_class" "kb_visit_class" NOT NULL,
	"legal_basis" text[] DEFAULT '{}'::text[] NOT NULL,
	"fees" text NOT NULL,
	"legal_time_limit_days" integer,
	"promised_time_limit_days" integer,
	"place" text NOT NULL,
	"hours" text NOT NULL,
	"phone" text NOT NULL,
	"online_url" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"change_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text
);
--> statement-breakpoint
CREATE TABLE "kb_matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"review_due_on" date NOT NULL,
	"published_version_id" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_matters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "kb_search_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid,
	"bundle_id" uuid,
	"title" text NOT NULL,
	"body_text" text NOT NULL,
	"department_name" text DEFAULT '' NOT NULL,
	"visit_class" "kb_visit_class",
	"code" text NOT NULL,
	"situations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"name_tokens" text NOT NULL,
	"keyword_tokens" text NOT NULL,
	"body_tokens" text NOT NULL,
	"title_document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, keyword_tokens), 'B')) STORED NOT NULL,
	"document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, keyword_tokens), 'B') || setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_situations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"conditions" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"terms" text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"matter_version_id" uuid,
	"bundle_id" uuid,
	"source_versions" jsonb NOT NULL,
	"rendered" jsonb NOT NULL,
	"sms_segments" jsonb NOT NULL,
	"token" text NOT NULL,
	"delivery_status" "notice_delivery_status" DEFAULT 'not_sent' NOT NULL,
	"delivery_attempts" integer DEFAULT 0 NOT NULL,
	"delivery_error" text,
	"delivered_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_notices_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid,
	"phone" text NOT NULL,
	"body" text NOT NULL,
	"segments" jsonb NOT NULL,
	"provider" text NOT NULL,
	"status" "sms_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_number_days" (
	"day" date PRIMARY KEY NOT NULL,
	"base" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" "ticket_state" NOT NULL,
	"channel" "ticket_channel" NOT NULL,
	"type" "ticket_type" NOT NULL,
	"urgency" "ticket_urgency" NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"address" text NOT NULL,
	"caller_name" text NOT NULL,
	"caller_phone" text NOT NULL,
	"green_channel" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"occurred_at" timestamp with time zone,
	"matter_id" uuid,
	"parent_ticket_id" uuid,
	"answer" text,
	"legal_route" text,
	"transfer_line" text,
	"call_id" text,
	"letter_date" date,
	"lead_department_id" uuid,
	"current_round" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"due_kind" "ticket_due_kind",
	"supervised" boolean DEFAULT false NOT NULL,
	"callback_attempts" integer DEFAULT 0 NOT NULL,
	"query_code_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "working_calendar_days" ADD CONSTRAINT "working_calendar_days_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acd_settings" ADD CONSTRAINT "acd_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_state_log" ADD CONSTRAINT "agent_state_log_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_state_log" ADD CONSTRAINT "agent_state_log_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_parent_contact_id_contacts_id_fk" FOREIGN KEY ("parent_contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telephony_events" ADD CONSTRAINT "telephony_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_policy_rules" ADD CONSTRAINT "clock_policy_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD CONSTRAINT "clock_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_stage_firings" ADD CONSTRAINT "clock_stage_firings_clock_id_ticket_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."ticket_clocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD CONSTRAINT "ticket_clocks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD CONSTRAINT "ticket_clocks_round_id_dispatch_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."dispatch_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD CONSTRAINT "ticket_clocks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_catalogue" ADD CONSTRAINT "dispatch_catalogue_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rounds" ADD CONSTRAINT "dispatch_rounds_return_reviewed_by_users_id_fk" FOREIGN KEY ("return_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_round_id_dispatch_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."dispatch_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_round_id_dispatch_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."dispatch_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_head_signed_off_by_users_id_fk" FOREIGN KEY ("head_signed_off_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_bundles" ADD CONSTRAINT "kb_bundles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_gaps" ADD CONSTRAINT "kb_gaps_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_gaps" ADD CONSTRAINT "kb_gaps_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_gaps" ADD CONSTRAINT "kb_gaps_resolved_matter_id_kb_matters_id_fk" FOREIGN KEY ("resolved_matter_id") REFERENCES "public"."kb_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_materials" ADD CONSTRAINT "kb_materials_situation_id_kb_situations_id_fk" FOREIGN KEY ("situation_id") REFERENCES "public"."kb_situations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matter_versions" ADD CONSTRAINT "kb_matter_versions_matter_id_kb_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."kb_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matter_versions" ADD CONSTRAINT "kb_matter_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matter_versions" ADD CONSTRAINT "kb_matter_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matter_versions" ADD CONSTRAINT "kb_matter_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matters" ADD CONSTRAINT "kb_matters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matters" ADD CONSTRAINT "kb_matters_published_version_id_kb_matter_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."kb_matter_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_search_documents" ADD CONSTRAINT "kb_search_documents_matter_id_kb_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."kb_matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_search_documents" ADD CONSTRAINT "kb_search_documents_bundle_id_kb_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."kb_bundles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_situations" ADD CONSTRAINT "kb_situations_version_id_kb_matter_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."kb_matter_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_synonyms" ADD CONSTRAINT "kb_synonyms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_matter_version_id_kb_matter_versions_id_fk" FOREIGN KEY ("matter_version_id") REFERENCES "public"."kb_matter_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_bundle_id_kb_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."kb_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notices" ADD CONSTRAINT "ticket_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_parent_ticket_id_tickets_id_fk" FOREIGN KEY ("parent_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "working_calendar_days_updated_by_idx" ON "working_calendar_days" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "agent_state_log_agent_at_idx" ON "agent_state_log" USING btree ("agent_id","at");--> statement-breakpoint
CREATE INDEX "agent_state_log_contact_idx" ON "agent_state_log" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_call_id_uq" ON "contacts" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "contacts_state_group_idx" ON "contacts" USING btree ("state","skill_group");--> statement-breakpoint
CREATE INDEX "contacts_enqueued_at_idx" ON "contacts" USING btree ("enqueued_at");--> statement-breakpoint
CREATE INDEX "contacts_agent_id_idx" ON "contacts" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "contacts_caller_number_idx" ON "contacts" USING btree ("caller_number");--> statement-breakpoint
CREATE INDEX "contacts_parent_contact_id_idx" ON "contacts" USING btree ("parent_contact_id");--> statement-breakpoint
CREATE INDEX "telephony_events_call_id_idx" ON "telephony_events" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "telephony_events_contact_idx" ON "telephony_events" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "clock_policy_rules_updated_by_idx" ON "clock_policy_rules" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "clock_settings_updated_by_idx" ON "clock_settings" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "ticket_clocks_ticket_idx" ON "ticket_clocks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_clocks_round_idx" ON "ticket_clocks" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "ticket_clocks_department_idx" ON "ticket_clocks" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "ticket_clocks_running_due_idx" ON "ticket_clocks" USING btree ("state","due_at") WHERE "ticket_clocks"."state" = 'running';--> statement-breakpoint
CREATE INDEX "ticket_clocks_next_stage_idx" ON "ticket_clocks" USING btree ("next_stage_at") WHERE "ticket_clocks"."next_stage_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dispatch_catalogue_matter_idx" ON "dispatch_catalogue" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "dispatch_catalogue_department_idx" ON "dispatch_catalogue" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_ticket_idx" ON "dispatch_rounds" USING btree ("ticket_id","round");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_department_active_idx" ON "dispatch_rounds" USING btree ("department_id","active");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_rounds_unit_per_round_uq" ON "dispatch_rounds" USING btree ("ticket_id","round","department_id");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_dispatched_by_idx" ON "dispatch_rounds" USING btree ("dispatched_by");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_signed_by_idx" ON "dispatch_rounds" USING btree ("signed_by");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_returned_by_idx" ON "dispatch_rounds" USING btree ("returned_by");--> statement-breakpoint
CREATE INDEX "dispatch_rounds_return_reviewed_by_idx" ON "dispatch_rounds" USING btree ("return_reviewed_by");--> statement-breakpoint
CREATE INDEX "extension_requests_ticket_idx" ON "extension_requests" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "extension_requests_round_idx" ON "extension_requests" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "extension_requests_pending_idx" ON "extension_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "extension_requests_requested_by_idx" ON "extension_requests" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "extension_requests_reviewed_by_idx" ON "extension_requests" USING btree ("reviewed_by");--> statement-breakpoint
CREATE INDEX "supervision_orders_ticket_idx" ON "supervision_orders" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "supervision_orders_created_by_idx" ON "supervision_orders" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "ticket_callbacks_ticket_idx" ON "ticket_callbacks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_callbacks_agent_idx" ON "ticket_callbacks" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "ticket_replies_ticket_idx" ON "ticket_replies" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_replies_round_idx" ON "ticket_replies" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "ticket_replies_department_idx" ON "ticket_replies" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "ticket_replies_created_by_idx" ON "ticket_replies" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "ticket_replies_head_idx" ON "ticket_replies" USING btree ("head_signed_off_by");--> statement-breakpoint
CREATE INDEX "ticket_replies_reviewed_by_idx" ON "ticket_replies" USING btree ("reviewed_by");--> statement-breakpoint
CREATE INDEX "kb_bundles_updated_by_idx" ON "kb_bundles" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "kb_gaps_ticket_idx" ON "kb_gaps" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "kb_gaps_open_idx" ON "kb_gaps" USING btree ("created_at") WHERE "kb_gaps"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "kb_gaps_reported_by_idx" ON "kb_gaps" USING btree ("reported_by");--> statement-breakpoint
CREATE INDEX "kb_gaps_resolved_by_idx" ON "kb_gaps" USING btree ("resolved_by");--> statement-breakpoint
CREATE INDEX "kb_gaps_resolved_matter_idx" ON "kb_gaps" USING btree ("resolved_matter_id");--> statement-breakpoint
CREATE INDEX "kb_materials_situation_idx" ON "kb_materials" USING btree ("situation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_matter_versions_matter_no_idx" ON "kb_matter_versions" USING btree ("matter_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_matter_versions_one_working_idx" ON "kb_matter_versions" USING btree ("matter_id") WHERE "kb_matter_versions"."status" in ('draft', 'review');--> statement-breakpoint
CREATE INDEX "kb_matter_versions_created_by_idx" ON "kb_matter_versions" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "kb_matter_versions_submitted_by_idx" ON "kb_matter_versions" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "kb_matter_versions_reviewed_by_idx" ON "kb_matter_versions" USING btree ("reviewed_by");--> statement-breakpoint
CREATE INDEX "kb_matters_department_idx" ON "kb_matters" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "kb_matters_review_due_idx" ON "kb_matters" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "kb_matters_published_version_idx" ON "kb_matters" USING btree ("published_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_search_documents_matter_idx" ON "kb_search_documents" USING btree ("matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_search_documents_bundle_idx" ON "kb_search_documents" USING btree ("bundle_id");--> statement-breakpoint
CREATE INDEX "kb_search_documents_document_idx" ON "kb_search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "kb_search_documents_title_document_idx" ON "kb_search_documents" USING gin ("title_document");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_situations_version_code_idx" ON "kb_situations" USING btree ("version_id","code");--> statement-breakpoint
CREATE INDEX "kb_situations_code_idx" ON "kb_situations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "kb_synonyms_updated_by_idx" ON "kb_synonyms" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "ticket_notices_ticket_idx" ON "ticket_notices" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_notices_matter_version_idx" ON "ticket_notices" USING btree ("matter_version_id");--> statement-breakpoint
CREATE INDEX "ticket_notices_bundle_idx" ON "ticket_notices" USING btree ("bundle_id");--> statement-breakpoint
CREATE INDEX "ticket_notices_created_by_idx" ON "ticket_notices" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "sms_outbox_notice_idx" ON "sms_outbox" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "sms_outbox_created_idx" ON "sms_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ticket_attachments_ticket_idx" ON "ticket_attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_attachments_uploaded_by_idx" ON "ticket_attachments" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "ticket_idempotency_keys_ticket_idx" ON "ticket_idempotency_keys" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_status_created_idx" ON "tickets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_caller_phone_idx" ON "tickets" USING btree ("caller_phone");--> statement-breakpoint
CREATE INDEX "tickets_address_idx" ON "tickets" USING btree ("address");--> statement-breakpoint
CREATE INDEX "tickets_matter_idx" ON "tickets" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "tickets_parent_idx" ON "tickets" USING btree ("parent_ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_lead_department_idx" ON "tickets" USING btree ("lead_department_id");--> statement-breakpoint
CREATE INDEX "tickets_due_idx" ON "tickets" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "tickets_created_by_idx" ON "tickets" USING btree ("created_by");