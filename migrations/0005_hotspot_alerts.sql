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
CREATE UNIQUE INDEX "hotspot_alerts_dim_key_bucket_uq" ON "hotspot_alerts" USING btree ("dim","key","bucket");--> statement-breakpoint
CREATE INDEX "hotspot_alerts_created_idx" ON "hotspot_alerts" USING btree ("created_at");