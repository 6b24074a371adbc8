CREATE TABLE "budget_counters" (
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"limit_tokens" bigint,
	"limit_micros" bigint,
	"spent_tokens" bigint DEFAULT 0 NOT NULL,
	"spent_micros" bigint DEFAULT 0 NOT NULL,
	"reserved_tokens" bigint DEFAULT 0 NOT NULL,
	"reserved_micros" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_counters_scope_scope_id_period_start_pk" PRIMARY KEY("scope","scope_id","period_start"),
	CONSTRAINT "budget_counters_scope_valid" CHECK ("budget_counters"."scope" in ('session', 'user_day', 'user_month', 'global_day')),
	CONSTRAINT "budget_counters_amounts_nonnegative" CHECK ("budget_counters"."spent_tokens" >= 0 and "budget_counters"."spent_micros" >= 0 and "budget_counters"."reserved_tokens" >= 0 and "budget_counters"."reserved_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_overrides" (
	"user_id" text PRIMARY KEY NOT NULL,
	"day_tokens" bigint,
	"day_micros" bigint,
	"month_tokens" bigint,
	"month_micros" bigint,
	"session_tokens" bigint,
	"session_micros" bigint,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_overrides_limits_nonnegative" CHECK ("budget_overrides"."day_tokens" >= 0 and "budget_overrides"."day_micros" >= 0 and "budget_overrides"."month_tokens" >= 0 and "budget_overrides"."month_micros" >= 0 and "budget_overrides"."session_tokens" >= 0 and "budget_overrides"."session_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_reservations" (
	"request_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"chat_id" text,
	"tier" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reserved_tokens" bigint NOT NULL,
	"reserved_micros" bigint NOT NULL,
	"priced_model_id" text NOT NULL,
	"day_start" timestamp with time zone NOT NULL,
	"month_start" timestamp with time zone NOT NULL,
	"settled_tokens" bigint,
	"settled_micros" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "budget_reservations_status_valid" CHECK ("budget_reservations"."status" in ('open', 'settled', 'expired')),
	CONSTRAINT "budget_reservations_tier_valid" CHECK ("budget_reservations"."tier" in ('guest', 'user', 'admin')),
	CONSTRAINT "budget_reservations_amounts_nonnegative" CHECK ("budget_reservations"."reserved_tokens" >= 0 and "budget_reservations"."reserved_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"request_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"user_id" text NOT NULL,
	"chat_id" text,
	"model_id" text NOT NULL,
	"priced_as" text NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_micros" bigint NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_events_request_id_attempt_pk" PRIMARY KEY("request_id","attempt"),
	CONSTRAINT "usage_events_amounts_nonnegative" CHECK ("usage_events"."input_tokens" >= 0 and "usage_events"."output_tokens" >= 0 and "usage_events"."cost_micros" >= 0)
);
--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_request_id_budget_reservations_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."budget_reservations"("request_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_reservations_open_expiry_idx" ON "budget_reservations" USING btree ("expires_at") WHERE "budget_reservations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "rate_limit_windows_start_idx" ON "rate_limit_windows" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "usage_events_user_created_idx" ON "usage_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "usage_events_created_idx" ON "usage_events" USING btree ("created_at");