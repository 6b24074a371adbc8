CREATE TABLE "call_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"feature" text NOT NULL,
	"provider" text NOT NULL,
	"model_id" text NOT NULL,
	"outcome" text NOT NULL,
	"calls" integer NOT NULL,
	"repaired_calls" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost_micros" bigint NOT NULL,
	"latency_ms_sum" bigint NOT NULL,
	CONSTRAINT "call_hourly_hour_source_feature_provider_model_id_outcome_pk" PRIMARY KEY("hour","source","feature","provider","model_id","outcome")
);
--> statement-breakpoint
CREATE TABLE "call_latency_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"model_id" text NOT NULL,
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "call_latency_hourly_hour_source_model_id_metric_bucket_pk" PRIMARY KEY("hour","source","model_id","metric","bucket")
);
--> statement-breakpoint
CREATE TABLE "call_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"source" text NOT NULL,
	"user_id" text NOT NULL,
	"chat_id" text,
	"feature" text NOT NULL,
	"provider" text NOT NULL,
	"model_id" text NOT NULL,
	"outcome" text NOT NULL,
	"error_class" text,
	"error_message" text,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_micros" bigint NOT NULL,
	"latency_ms" integer NOT NULL,
	"first_token_ms" integer,
	"repairs" text[] DEFAULT '{}'::text[] NOT NULL,
	"fault" text,
	CONSTRAINT "call_log_outcome_valid" CHECK ("call_log"."outcome" in ('ok', 'repaired', 'retried', 'fallback', 'timeout', 'rate_limited', 'provider_error', 'invalid_output', 'aborted', 'budget_denied')),
	CONSTRAINT "call_log_source_valid" CHECK ("call_log"."source" in ('app', 'eval', 'seed')),
	CONSTRAINT "call_log_amounts_nonnegative" CHECK ("call_log"."input_tokens" >= 0 and "call_log"."output_tokens" >= 0 and "call_log"."cost_micros" >= 0 and "call_log"."latency_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "call_user_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"user_id" text NOT NULL,
	"calls" integer NOT NULL,
	"failed_calls" integer NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost_micros" bigint NOT NULL,
	CONSTRAINT "call_user_hourly_hour_source_user_id_pk" PRIMARY KEY("hour","source","user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "call_log_request_attempt_idx" ON "call_log" USING btree ("request_id","attempt");--> statement-breakpoint
CREATE INDEX "call_log_created_idx" ON "call_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "call_log_user_created_idx" ON "call_log" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "call_user_hourly_user_idx" ON "call_user_hourly" USING btree ("user_id","hour");