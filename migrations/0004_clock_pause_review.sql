ALTER TYPE "public"."clock_stage" ADD VALUE 'final_warning' BEFORE 'due';--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "chase_minutes_after_due" double precision DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "public_notice_minutes_after_chase" double precision DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "review_pauses_clock" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_settings" ADD COLUMN "resume_minimum_minutes" double precision DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD COLUMN "paused_at" timestamp with time zone;