CREATE TABLE "import_job_rows" (
	"county_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"row_id" uuid NOT NULL,
	CONSTRAINT "import_job_rows_county_id_job_id_row_id_pk" PRIMARY KEY("county_id","job_id","row_id")
);
