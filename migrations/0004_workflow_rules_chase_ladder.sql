CREATE TYPE "public"."chase_kind" AS ENUM('urge', 'circular');--> statement-breakpoint
CREATE TYPE "public"."callback_verdict" AS ENUM('unit_at_fault', 'not_unit_fault');--> statement-breakpoint
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
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_notices" ADD CONSTRAINT "chase_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_policy" ADD CONSTRAINT "workflow_policy_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chase_notices_ticket_idx" ON "chase_notices" USING btree ("ticket_id","issued_at");--> statement-breakpoint
CREATE INDEX "chase_notices_department_idx" ON "chase_notices" USING btree ("department_id","issued_at");--> statement-breakpoint
CREATE INDEX "chase_notices_issued_by_idx" ON "chase_notices" USING btree ("issued_by");--> statement-breakpoint
CREATE UNIQUE INDEX "chase_notices_clock_kind_uq" ON "chase_notices" USING btree ("clock_id","kind");--> statement-breakpoint
CREATE INDEX "workflow_policy_updated_by_idx" ON "workflow_policy" USING btree ("updated_by");--> statement-breakpoint
ALTER TABLE "ticket_callbacks" ADD CONSTRAINT "ticket_callbacks_verdict_by_users_id_fk" FOREIGN KEY ("verdict_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_orders_clock_uq" ON "supervision_orders" USING btree ("clock_id");--> statement-breakpoint
CREATE INDEX "ticket_callbacks_verdict_by_idx" ON "ticket_callbacks" USING btree ("verdict_by");--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_number_unique" UNIQUE("number");