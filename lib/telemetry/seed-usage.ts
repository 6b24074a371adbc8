import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { findPrice, type ModelPrice } from "@/lib/budget/prices";
import { latencyBucket } from "./latency-buckets";
import type { Outcome } from "./metrics-outcomes";
import { SEED_USER_PREFIX } from "./metrics-users";

/*
 * Synthetic usage for the admin page (npm run seed, bench/admin-page.ts):
 * a month of plausible traffic written straight into call_log with source
 * 'seed', then folded into the hourly rollups, all in one SQL statement.
 * Set-based (generate_series, no row crosses into JavaScript), so a million
 * rows take seconds. Seed rows are never real usage: the admin page shows
 * them only under "Synthetic", behind a banner, and --clear removes them
 * (their rollup rows are keyed by source, so nothing else is touched).
 *
 * The shape: sessions of a few requests each, from users with a long-tailed
 * activity (a few heavy users, many light ones), more on weekdays and UTC
 * afternoons, growing over the month; most replies clean, some repaired,
 * retried or answered by a fallback model; a provider incident nine days ago
 * and a day of schema failures after a bad prompt change seventeen days ago.
 */

export type SeedOptions = {
  /** Call-log rows to write (exactly this many). */
  rows: number;
  /** Days of history ending now. */
  days: number;
  /** Distinct synthetic users. */
  users: number;
  now?: Date;
};

export type SeedResult = { rows: number; requests: number; users: number; from: Date; to: Date; ms: number };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Default users for a row count: enough that "top users" has a long tail. */
export function defaultSeedUsers(rows: number): number {
  return Math.min(5000, Math.max(10, Math.round(rows / 500)));
}

/** How one request's attempts went, and how often. The second attempt of a fallback runs on FALLBACK_MODEL. */
const SCENARIOS: ReadonlyArray<{ weight: number; outcomes: readonly Outcome[]; fallback: boolean }> = [
  { weight: 0.8, outcomes: ["ok"], fallback: false },
  { weight: 0.09, outcomes: ["repaired"], fallback: false },
  { weight: 0.035, outcomes: ["invalid_output", "retried"], fallback: false },
  { weight: 0.015, outcomes: ["rate_limited", "retried"], fallback: false },
  { weight: 0.012, outcomes: ["provider_error", "fallback"], fallback: true },
  { weight: 0.006, outcomes: ["timeout", "fallback"], fallback: true },
  { weight: 0.004, outcomes: ["invalid_output", "invalid_output"], fallback: false },
  { weight: 0.003, outcomes: ["provider_error", "provider_error"], fallback: true },
  { weight: 0.01, outcomes: ["aborted"], fallback: false },
  { weight: 0.025, outcomes: ["budget_denied"], fallback: false },
];
const FALLBACK_SCENARIO = 5; // provider_error → fallback (1-based), what an incident looks like
const SCHEMA_RETRY_SCENARIO = 3; // invalid_output → retried, what a bad prompt change looks like
const RATE_LIMIT_SCENARIO = 4; // rate_limited → retried after Retry-After

/** Primary models by share of sessions, with the medians their latency is drawn around. */
const MODELS = [
  { id: "gpt-4o-mini", share: 0.68, latencyMs: 1800, firstTokenMs: 420 },
  { id: "gpt-4.1-mini", share: 0.22, latencyMs: 2300, firstTokenMs: 540 },
  { id: "gpt-4o", share: 0.1, latencyMs: 3200, firstTokenMs: 680 },
] as const;
const FALLBACK_MODEL = { id: "gpt-4.1-nano", latencyMs: 1100, firstTokenMs: 260 } as const;
const PROVIDER = "openai.responses";

const REPAIRS = ["removed_code_fence", "removed_trailing_commas", "removed_leading_prose", "coerced_number_from_string", "closed_truncated_json", "replaced_single_quotes"];

const meanAttempts = SCENARIOS.reduce((total, scenario) => total + scenario.weight * scenario.outcomes.length, 0);
/** Requests per session: 1 + floor(Exp(mean 4)), whose mean is 1 + 1/(e^(1/4) − 1). */
const MEAN_REQUESTS_PER_SESSION = 1 + 1 / (Math.exp(1 / 4) - 1);

/**
 * The integer latencies where each histogram bucket starts, found with
 * latencyBucket itself, so SQL's width_bucket puts every row in exactly the
 * bucket write-calls.ts would (no second implementation of the log to drift).
 */
export function latencyBucketStarts(): { starts: number[]; buckets: number[] } {
  const starts: number[] = [];
  const buckets: number[] = [];
  let ms = 1;
  for (;;) {
    const bucket = latencyBucket(ms);
    starts.push(ms);
    buckets.push(bucket);
    if (bucket >= 200) break;
    // Jump close to the next bucket's start, then step to it exactly.
    let next = Math.max(ms + 1, Math.floor(1.1 ** bucket) - 2);
    while (latencyBucket(next) === bucket) next++;
    ms = next;
  }
  return { starts, buckets };
}

const intArray = (values: readonly number[]) => sql.raw(`'{${values.join(",")}}'::int[]`);

/** `case when r < c1 then 1 when r < c2 then 2 … end` over the scenarios' cumulative weights. */
function scenarioCase(random: SQL): SQL {
  const total = SCENARIOS.reduce((sum, scenario) => sum + scenario.weight, 0);
  let cumulative = 0;
  const branches = SCENARIOS.map((scenario, index) => {
    cumulative += scenario.weight / total;
    return index === SCENARIOS.length - 1 ? sql.raw(`else ${index + 1}`) : sql`when ${random} < ${sql.raw(cumulative.toFixed(6))} then ${sql.raw(String(index + 1))}`;
  });
  return sql`(case ${sql.join(branches, sql` `)} end)`;
}

/** Price per model and UTC day of the range, from findPrice: the same versioned table the request path charges with. */
function dailyPrices(from: Date, to: Date, extra: readonly ModelPrice[]): SQL {
  const rows: SQL[] = [];
  for (let day = Math.floor(from.getTime() / DAY_MS) * DAY_MS; day < to.getTime(); day += DAY_MS) {
    for (const modelId of [...MODELS.map((model) => model.id), FALLBACK_MODEL.id]) {
      const price = findPrice({ modelId, at: new Date(day), extra });
      if (!price) throw new Error(`seed: no price for ${modelId}`);
      rows.push(sql.raw(`('${modelId}', '${new Date(day).toISOString().slice(0, 10)}'::date, ${price.inputMicrosPerMTok}::bigint, ${price.outputMicrosPerMTok}::bigint)`));
    }
  }
  return sql`select * from (values ${sql.join(rows, sql`, `)}) as p(model_id, day, input_price, output_price)`;
}

function modelTable(): SQL {
  const rows = [...MODELS, FALLBACK_MODEL].map((model) => `('${model.id}', ${model.latencyMs}, ${model.firstTokenMs})`);
  return sql.raw(`select * from (values ${rows.join(", ")}) as m(model_id, latency_ms, first_token_ms)`);
}

function scenarioTable(): SQL {
  const rows = SCENARIOS.map((scenario, index) => `(${index + 1}, array[${scenario.outcomes.map((outcome) => `'${outcome}'`).join(", ")}]::text[], ${scenario.fallback})`);
  return sql.raw(`select * from (values ${rows.join(", ")}) as s(id, outcomes, on_fallback)`);
}

function primaryModelCase(random: SQL): SQL {
  let cumulative = 0;
  const branches = MODELS.map((model, index) => {
    cumulative += model.share;
    return index === MODELS.length - 1 ? sql.raw(`else '${model.id}'`) : sql`when ${random} < ${sql.raw(cumulative.toFixed(4))} then ${sql.raw(`'${model.id}'`)}`;
  });
  return sql`(case ${sql.join(branches, sql` `)} end)`;
}

/** Removes every seed row from the call log and its rollups; returns the call-log rows removed. */
export async function clearSeedUsage(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const removed = (await tx.execute(sql`with gone as (delete from call_log where source = 'seed' returning 1) select count(*)::int as n from gone`)) as unknown;
    await tx.execute(sql`delete from call_hourly where source = 'seed'`);
    await tx.execute(sql`delete from call_user_hourly where source = 'seed'`);
    await tx.execute(sql`delete from call_latency_hourly where source = 'seed'`);
    return Number(firstRow(removed).n ?? 0);
  });
}

function firstRow(result: unknown): Record<string, unknown> {
  const rows = Array.isArray(result) ? (result as Record<string, unknown>[]) : (result as { rows: Record<string, unknown>[] }).rows;
  return rows[0] ?? {};
}

/**
 * Writes `rows` synthetic call-log rows spread over the last `days` days, and
 * their rollups, in one statement (one transaction: all or nothing). Existing
 * seed rows are kept (each run's request ids are its own); clear them first
 * for a fresh month.
 */
export async function seedUsage(db: Db, { rows, days, users, now = new Date() }: SeedOptions, extraPrices: readonly ModelPrice[] = []): Promise<SeedResult> {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError("rows must be a positive integer");
  if (!Number.isSafeInteger(days) || days < 1 || days > 366) throw new RangeError("days must be between 1 and 366");
  if (!Number.isSafeInteger(users) || users < 1) throw new RangeError("users must be a positive integer");
  const started = performance.now();
  const lastHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const firstHour = new Date(lastHour.getTime() - (days * 24 - 1) * HOUR_MS);
  // More sessions than the expected need, so the exact row count can be cut from them: a few
  // percent for a million rows, relatively more for small runs, whose totals vary more.
  const expectedSessions = rows / (meanAttempts * MEAN_REQUESTS_PER_SESSION);
  const sessions = Math.ceil(expectedSessions * (1.08 + 3 / Math.sqrt(expectedSessions))) + 10;
  const run = Math.random().toString(36).slice(2, 8);
  const { starts, buckets } = latencyBucketStarts();
  const bucketOf = (column: SQL) => sql`coalesce((${intArray(buckets)})[width_bucket(${column}, ${intArray(starts)})], 0)`;
  const nowText = now.toISOString();
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS).toISOString();

  const statement = sql`
    with
    scenarios as (${scenarioTable()}),
    models as (${modelTable()}),
    prices as (${dailyPrices(firstHour, new Date(lastHour.getTime() + HOUR_MS), extraPrices)}),
    hours as (
      -- Each hour's share of the traffic: growth over the range, quieter weekends,
      -- a daily curve peaking mid-afternoon UTC; the current hour only as far as it has run.
      select h as hour_start,
        least(1.0, extract(epoch from (${nowText}::timestamptz - h)) / 3600.0) as open_fraction,
        (0.55 + 0.45 * g.ord / ${days * 24}::float8)
          * (case when extract(isodow from h at time zone 'UTC') in (6, 7) then 0.6 else 1.0 end)
          * (0.2 + exp(-power(extract(hour from h at time zone 'UTC') - 15, 2) / 22.0)) as weight
      from generate_series(${firstHour.toISOString()}::timestamptz, ${lastHour.toISOString()}::timestamptz, interval '1 hour') with ordinality as g(h, ord)
    ),
    weighted as (
      select hour_start, open_fraction, weight * open_fraction as w, sum(weight * open_fraction) over () as total_w from hours
    ),
    session_draws as materialized (
      select row_number() over () as session_n,
        hour_start + (random() * 3600 * open_fraction) * interval '1 second' as started_at,
        -- A long tail: user 1 is the heaviest, most users make a few sessions a month.
        1 + floor(${users}::float8 * power(random(), 2.2))::int as user_n,
        1 + floor(-ln(1 - random()) * 4)::int as requests,
        random() as r_feature, random() as r_model
      from weighted cross join lateral generate_series(1, floor(${sessions}::float8 * w / total_w + random())::int) as g(k)
    ),
    requests as materialized (
      select s.session_n, g.k, s.user_n,
        s.started_at + ((g.k - 1) * 75 + random() * 40) * interval '1 second' as started_at,
        case when s.r_feature < 0.85 then 'reply' else 'summarize' end as feature,
        ${primaryModelCase(sql`s.r_model`)} as model_id,
        random() as r_scenario, random() as r_special, random() as r_in, random() as r_out, random() as r_misc, random() as r_keep,
        1 - random() as u1, random() as u2, 1 - random() as u3, random() as u4
      from session_draws s cross join lateral generate_series(1, s.requests) as g(k)
    ),
    chosen as (
      select r.*,
        case
          when r.started_at between ${daysAgo(9.25)}::timestamptz and ${daysAgo(9.1)}::timestamptz and r.r_special < 0.45 then ${sql.raw(String(FALLBACK_SCENARIO))}
          when r.started_at between ${daysAgo(17)}::timestamptz and ${daysAgo(16.2)}::timestamptz and r.r_special < 0.14 then ${sql.raw(String(SCHEMA_RETRY_SCENARIO))}
          else ${scenarioCase(sql`r.r_scenario`)}
        end as scenario_id
      from requests r
      where r.started_at <= ${nowText}::timestamptz
    ),
    attempts as (
      select c.*, a.outcome, a.idx::int as idx,
        case when sc.on_fallback and a.idx = 2 then ${sql.raw(`'${FALLBACK_MODEL.id}'`)} else c.model_id end as attempt_model,
        case when c.feature = 'summarize' then 500 + floor(c.r_in * c.r_in * 4200)::int else 380 + (least(c.k, 12) - 1) * 210 + floor(c.r_in * 320)::int end as full_input,
        case when c.feature = 'summarize' then 70 + floor(c.r_out * 120)::int else 110 + floor(power(c.r_out, 1.5) * 430)::int end as full_output,
        -- Two independent standard normals per attempt (Box–Muller), for its latency and first token.
        sqrt(-2 * ln(case when a.idx = 1 then c.u1 else c.u3 end)) * cos(2 * pi() * (case when a.idx = 1 then c.u2 else c.u4 end)) as z_latency,
        sqrt(-2 * ln(case when a.idx = 1 then c.u1 else c.u3 end)) * sin(2 * pi() * (case when a.idx = 1 then c.u2 else c.u4 end)) as z_first
      from chosen c
      join scenarios sc on sc.id = c.scenario_id
      cross join lateral unnest(sc.outcomes) with ordinality as a(outcome, idx)
    ),
    shaped as (
      select a.*,
        -- Before streaming (a 429, a 5xx, a silent model) nothing is billed; a cut stream bills what arrived.
        case when a.outcome in ('budget_denied', 'rate_limited', 'timeout') or (a.outcome = 'provider_error' and a.r_misc < 0.6) then false else true end as streamed,
        m.latency_ms as median_latency, m.first_token_ms as median_first
      from attempts a join models m on m.model_id = a.attempt_model
    ),
    measured as (
      select s.*,
        case when not s.streamed then 0 when s.idx = 2 and s.outcome in ('retried', 'invalid_output') then s.full_input + 140 else s.full_input end as input_tokens,
        case when not s.streamed then 0
             when s.outcome in ('provider_error', 'aborted') then floor(s.full_output * (0.2 + 0.4 * s.r_misc))::int
             else s.full_output end as output_tokens,
        case when s.streamed then greatest(60, round(s.median_first * exp(0.45 * s.z_first)))::int end as first_ms,
        case
          when s.outcome = 'budget_denied' then 0
          when s.outcome = 'timeout' then 20000 + floor(s.r_misc * 450)::int
          when s.outcome = 'rate_limited' then 90 + floor(s.r_misc * 320)::int
          when not s.streamed then 180 + floor(s.r_misc * 1700)::int
          else round(s.median_latency * (0.55 + s.full_output / 520.0) * exp(0.35 * s.z_latency) * (case when s.outcome in ('provider_error', 'aborted') then 0.45 else 1 end))::int
        end as raw_latency
      from shaped s
    ),
    finished as (
      -- The whole attempt lasts at least until its first token and a little after.
      select m.*, case when m.first_ms is null then m.raw_latency else greatest(m.raw_latency, m.first_ms + 40) end as latency from measured m
    ),
    timed as (
      select m.*,
        -- A retry or fallback starts when the attempt before it ended (after a 429's backoff).
        m.started_at + coalesce(lag(m.latency) over (partition by m.session_n, m.k order by m.idx), 0) * interval '1 millisecond'
          + case when m.idx = 2 and m.scenario_id = ${sql.raw(String(RATE_LIMIT_SCENARIO))} then interval '1 second' else interval '0' end as created_at_raw
      from finished m
    ),
    kept as (
      select t.*, row_number() over (order by t.r_keep, t.session_n, t.k, t.idx) as keep_n from timed t
    ),
    ins as (
      insert into call_log (created_at, request_id, attempt, source, user_id, chat_id, feature, provider, model_id, outcome, error_class, error_message,
        input_tokens, output_tokens, cost_micros, latency_ms, first_token_ms, repairs, fault)
      select date_trunc('milliseconds', least(k.created_at_raw, ${nowText}::timestamptz)),
        ${`seed-${run}-`} || k.session_n || '-' || k.k,
        case when k.outcome = 'budget_denied' then 0 else k.idx end,
        'seed',
        ${SEED_USER_PREFIX} || lpad(k.user_n::text, 4, '0'),
        ${`seed-${run}-chat-`} || k.session_n,
        k.feature, ${PROVIDER}, k.attempt_model, k.outcome,
        case k.outcome
          when 'timeout' then 'first_chunk'
          when 'rate_limited' then 'http_429'
          when 'provider_error' then case when k.streamed then 'stream_cut' when k.r_misc < 0.4 then 'http_500' else 'http_503' end
          when 'invalid_output' then case when k.r_misc < 0.8 then 'schema_mismatch' else 'truncated' end
          when 'budget_denied' then case when k.r_misc < 0.85 then 'budget_exceeded:day' else 'budget_exceeded:month' end
        end,
        case k.outcome
          when 'timeout' then 'No output within 20000 ms (synthetic)'
          when 'rate_limited' then 'Rate limit reached; retry after 1 s (synthetic)'
          when 'provider_error' then 'Provider failed mid-request (synthetic)'
          when 'invalid_output' then 'confidence: expected number, received string (synthetic)'
          when 'budget_denied' then 'Budget spent (synthetic)'
        end,
        k.input_tokens, k.output_tokens,
        (k.input_tokens::bigint * p.input_price + k.output_tokens::bigint * p.output_price + 999999) / 1000000,
        k.latency,
        k.first_ms,
        case when k.outcome = 'repaired' then array[(${sql.raw(`'{${REPAIRS.join(",")}}'::text[]`)})[1 + floor(k.r_misc * ${REPAIRS.length})::int]] else '{}'::text[] end,
        null
      from kept k
      join prices p on p.model_id = k.attempt_model and p.day = (least(k.created_at_raw, ${nowText}::timestamptz) at time zone 'UTC')::date
      where k.keep_n <= ${rows}::bigint
      -- In time order: the log's indexes then grow at their ends instead of taking a million random inserts.
      order by k.created_at_raw
      returning created_at, source, user_id, feature, provider, model_id, outcome, input_tokens, output_tokens, cost_micros, latency_ms, first_token_ms, repairs, request_id, attempt
    ),
    hourly as (
      insert into call_hourly (hour, source, feature, provider, model_id, outcome, calls, requests, repaired_calls, input_tokens, output_tokens, cost_micros, latency_ms_sum)
      select date_trunc('hour', created_at, 'UTC'), source, feature, provider, model_id, outcome, count(*), count(*) filter (where attempt <= 1), count(*) filter (where cardinality(repairs) > 0),
        sum(input_tokens), sum(output_tokens), sum(cost_micros), sum(latency_ms)
      from ins group by 1, 2, 3, 4, 5, 6
      on conflict (hour, source, feature, provider, model_id, outcome) do update set
        calls = call_hourly.calls + excluded.calls, requests = call_hourly.requests + excluded.requests, repaired_calls = call_hourly.repaired_calls + excluded.repaired_calls,
        input_tokens = call_hourly.input_tokens + excluded.input_tokens, output_tokens = call_hourly.output_tokens + excluded.output_tokens,
        cost_micros = call_hourly.cost_micros + excluded.cost_micros, latency_ms_sum = call_hourly.latency_ms_sum + excluded.latency_ms_sum
      returning 1
    ),
    user_hourly as (
      insert into call_user_hourly (hour, source, user_id, calls, failed_calls, input_tokens, output_tokens, cost_micros)
      select date_trunc('hour', created_at, 'UTC'), source, user_id, count(*),
        count(*) filter (where outcome in ('timeout', 'rate_limited', 'provider_error', 'invalid_output', 'budget_denied')),
        sum(input_tokens), sum(output_tokens), sum(cost_micros)
      from ins group by 1, 2, 3
      on conflict (hour, source, user_id) do update set
        calls = call_user_hourly.calls + excluded.calls, failed_calls = call_user_hourly.failed_calls + excluded.failed_calls,
        input_tokens = call_user_hourly.input_tokens + excluded.input_tokens, output_tokens = call_user_hourly.output_tokens + excluded.output_tokens,
        cost_micros = call_user_hourly.cost_micros + excluded.cost_micros
      returning 1
    ),
    latency as (
      insert into call_latency_hourly (hour, source, model_id, metric, bucket, calls)
      select hour, source, model_id, metric, bucket, count(*) from (
        select date_trunc('hour', created_at, 'UTC') as hour, source, model_id, 'latency' as metric, ${bucketOf(sql`latency_ms`)} as bucket from ins where outcome <> 'budget_denied'
        union all
        select date_trunc('hour', created_at, 'UTC'), source, model_id, 'first_token', ${bucketOf(sql`first_token_ms`)} from ins where outcome <> 'budget_denied' and first_token_ms is not null
      ) samples group by 1, 2, 3, 4, 5
      on conflict (hour, source, model_id, metric, bucket) do update set calls = call_latency_hourly.calls + excluded.calls
      returning 1
    )
    select (select count(*) from ins)::int as rows, (select count(distinct request_id) from ins)::int as requests, (select count(distinct user_id) from ins)::int as users,
      (select count(*) from hourly)::int + (select count(*) from user_hourly)::int + (select count(*) from latency)::int as rollup_rows`;

  const result = await db.transaction(async (tx) => {
    // The planner's estimates for generate_series make this statement look huge, and JIT-compiling
    // it costs seconds more than it saves (PGlite has no JIT; the setting is accepted and ignored).
    await tx.execute(sql`set local jit = off`);
    return firstRow(await tx.execute(statement));
  });
  // Fresh statistics: planning the page's queries for the rollups' old, tiny sizes picks sorts that spill to disk.
  await db.execute(sql`analyze call_log, call_hourly, call_user_hourly, call_latency_hourly`);
  return {
    rows: Number(result.rows),
    requests: Number(result.requests),
    users: Number(result.users),
    from: firstHour,
    to: now,
    ms: Math.round(performance.now() - started),
  };
}
