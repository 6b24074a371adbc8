ALTER TABLE "call_hourly" ADD COLUMN "requests" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill from the log, so rollups written before this column count their requests too.
UPDATE "call_hourly" AS h SET "requests" = l.requests
FROM (
  SELECT date_trunc('hour', created_at) AS hour, source, feature, provider, model_id, outcome, count(*) FILTER (WHERE attempt <= 1)::integer AS requests
  FROM "call_log" GROUP BY 1, 2, 3, 4, 5, 6
) AS l
WHERE h.hour = l.hour AND h.source = l.source AND h.feature = l.feature AND h.provider = l.provider AND h.model_id = l.model_id AND h.outcome = l.outcome;
