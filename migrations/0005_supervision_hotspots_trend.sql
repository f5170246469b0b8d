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
ALTER TABLE "hotspot_settings" ADD CONSTRAINT "hotspot_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_picked_by_users_id_fk" FOREIGN KEY ("picked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hotspot_settings_updated_by_idx" ON "hotspot_settings" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_topics_month_key_uq" ON "monthly_topics" USING btree ("month","topic_key");--> statement-breakpoint
CREATE INDEX "monthly_topics_picked_by_idx" ON "monthly_topics" USING btree ("picked_by");--> statement-breakpoint
CREATE INDEX "metric_rollups_trend_idx" ON "metric_rollups" USING btree ("dim","key","day","counter","total");