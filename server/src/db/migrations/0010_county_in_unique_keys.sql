DROP INDEX "org_officers_uq";--> statement-breakpoint
DROP INDEX "orgs_seq_uq";--> statement-breakpoint
DROP INDEX "dev_warnings_file_kind_due_uq";--> statement-breakpoint
DROP INDEX "duty_items_uq";--> statement-breakpoint
DROP INDEX "duty_supervisors_uq";--> statement-breakpoint
DROP INDEX "duty_warnings_org_month_uq";--> statement-breakpoint
DROP INDEX "leave_requests_uq";--> statement-breakpoint
DROP INDEX "makeup_studies_uq";--> statement-breakpoint
DROP INDEX "theme_day_attendances_uq";--> statement-breakpoint
ALTER TABLE "duty_monthly" DROP CONSTRAINT "duty_monthly_org_id_month_pk";--> statement-breakpoint
ALTER TABLE "duty_monthly" ADD CONSTRAINT "duty_monthly_county_id_org_id_month_pk" PRIMARY KEY("county_id","org_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "org_officers_uq" ON "org_officers" USING btree ("county_id","org_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_seq_uq" ON "orgs" USING btree ("county_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "dev_warnings_file_kind_due_uq" ON "development_warnings" USING btree ("county_id","file_id","kind","due");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_items_uq" ON "duty_items" USING btree ("county_id","org_id","template_item_id","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_supervisors_uq" ON "duty_supervisors" USING btree ("county_id","account_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_warnings_org_month_uq" ON "duty_warnings" USING btree ("county_id","org_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "leave_requests_uq" ON "leave_requests" USING btree ("county_id","theme_day_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "makeup_studies_uq" ON "makeup_studies" USING btree ("county_id","theme_day_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_day_attendances_uq" ON "theme_day_attendances" USING btree ("county_id","theme_day_id","member_id");