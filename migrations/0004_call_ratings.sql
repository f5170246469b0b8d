CREATE TABLE "call_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"agent_id" uuid,
	"rating" smallint NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_ratings_rating_ck" CHECK ("call_ratings"."rating" between 1 and 3)
);
--> statement-breakpoint
ALTER TABLE "call_ratings" ADD CONSTRAINT "call_ratings_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ratings" ADD CONSTRAINT "call_ratings_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_ratings_contact_uq" ON "call_ratings" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "call_ratings_agent_idx" ON "call_ratings" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "call_ratings_rated_at_idx" ON "call_ratings" USING btree ("rated_at");