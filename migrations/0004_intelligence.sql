CREATE SEQUENCE "public"."history_ticket_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 100;--> statement-breakpoint
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
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_suggestion_choices" ADD CONSTRAINT "dispatch_suggestion_choices_chosen_department_id_departments_id_fk" FOREIGN KEY ("chosen_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_imports" ADD CONSTRAINT "history_imports_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_tickets" ADD CONSTRAINT "imported_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_tickets" ADD CONSTRAINT "imported_tickets_import_id_history_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."history_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_ticket_idx" ON "dispatch_suggestion_choices" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_user_idx" ON "dispatch_suggestion_choices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dispatch_suggestion_choices_chosen_idx" ON "dispatch_suggestion_choices" USING btree ("chosen_department_id");--> statement-breakpoint
CREATE INDEX "history_imports_started_by_idx" ON "history_imports" USING btree ("started_by");--> statement-breakpoint
CREATE INDEX "imported_tickets_import_idx" ON "imported_tickets" USING btree ("import_id");