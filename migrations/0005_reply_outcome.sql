ALTER TABLE "ticket_replies" ADD COLUMN "result" text;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD COLUMN "contact_method" text;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "reply_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_attachments_reply_idx" ON "ticket_attachments" USING btree ("reply_id");--> statement-breakpoint
CREATE INDEX "ticket_attachments_department_idx" ON "ticket_attachments" USING btree ("department_id");