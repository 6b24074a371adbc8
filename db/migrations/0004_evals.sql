CREATE TABLE "eval_assertions" (
	"run_id" text NOT NULL,
	"case_id" text NOT NULL,
	"trial" smallint NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	CONSTRAINT "eval_assertions_run_id_case_id_trial_position_pk" PRIMARY KEY("run_id","case_id","trial","position"),
	CONSTRAINT "eval_assertions_status_valid" CHECK ("eval_assertions"."status" in ('passed', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "eval_case_results" (
	"run_id" text NOT NULL,
	"case_id" text NOT NULL,
	"position" integer NOT NULL,
	"feature" text NOT NULL,
	"title" text NOT NULL,
	"tags" text[] NOT NULL,
	"critical" boolean NOT NULL,
	"status" text NOT NULL,
	"passed_trials" integer NOT NULL,
	"input" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"criteria" text[] NOT NULL,
	CONSTRAINT "eval_case_results_run_id_case_id_pk" PRIMARY KEY("run_id","case_id"),
	CONSTRAINT "eval_case_results_status_valid" CHECK ("eval_case_results"."status" in ('passed', 'failed', 'flaky', 'errored'))
);
--> statement-breakpoint
CREATE TABLE "eval_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"model_id" text NOT NULL,
	"chain" text[] NOT NULL,
	"offline" boolean NOT NULL,
	"judge_model" text,
	"fault_modes" text[],
	"fault_rate" real,
	"fault_seed" integer,
	"trials_per_case" smallint NOT NULL,
	"concurrency" smallint NOT NULL,
	"filter" text,
	"git_sha" text,
	"cases" integer NOT NULL,
	"passed_cases" integer NOT NULL,
	"failed_cases" integer NOT NULL,
	"flaky_cases" integer NOT NULL,
	"errored_cases" integer NOT NULL,
	"passed_trials" integer NOT NULL,
	"total_trials" integer NOT NULL,
	"cost_micros" bigint NOT NULL,
	"judge_cost_micros" bigint NOT NULL,
	"p50_latency_ms" integer NOT NULL,
	"p95_latency_ms" integer NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text
);
--> statement-breakpoint
CREATE TABLE "eval_trials" (
	"run_id" text NOT NULL,
	"case_id" text NOT NULL,
	"trial" smallint NOT NULL,
	"status" text NOT NULL,
	"request_id" text NOT NULL,
	"model_id" text,
	"attempts" smallint NOT NULL,
	"latency_ms" integer NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_micros" bigint NOT NULL,
	"output" jsonb NOT NULL,
	"error" text,
	CONSTRAINT "eval_trials_run_id_case_id_trial_pk" PRIMARY KEY("run_id","case_id","trial"),
	CONSTRAINT "eval_trials_status_valid" CHECK ("eval_trials"."status" in ('passed', 'failed', 'errored'))
);
--> statement-breakpoint
ALTER TABLE "eval_assertions" ADD CONSTRAINT "eval_assertions_run_id_case_id_trial_eval_trials_run_id_case_id_trial_fk" FOREIGN KEY ("run_id","case_id","trial") REFERENCES "public"."eval_trials"("run_id","case_id","trial") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_case_results" ADD CONSTRAINT "eval_case_results_run_id_eval_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."eval_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_trials" ADD CONSTRAINT "eval_trials_run_id_case_id_eval_case_results_run_id_case_id_fk" FOREIGN KEY ("run_id","case_id") REFERENCES "public"."eval_case_results"("run_id","case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eval_assertions_failed_idx" ON "eval_assertions" USING btree ("run_id","kind") WHERE "eval_assertions"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "eval_runs_started_idx" ON "eval_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "eval_runs_approved_idx" ON "eval_runs" USING btree ("approved_at");