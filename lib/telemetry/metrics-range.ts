/*
 * What the admin usage page is asked for: a time range, a data source and the
 * top users' order. Client-safe (the page's links are built from it), so it
 * imports nothing from the database layer.
 */

export const USAGE_RANGES = ["24h", "7d", "30d"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/**
 * The page shows one source at a time: real usage by default, the eval
 * runner's or the synthetic seed's only when asked for, so neither is ever
 * added to (or mistaken for) what real users did. Same values as the call
 * log's `source` column (db/schema-telemetry.ts).
 */
export const USAGE_SOURCES = ["app", "eval", "seed"] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export const TOP_USER_SORTS = ["tokens", "cost"] as const;
export type TopUserSort = (typeof TOP_USER_SORTS)[number];

export type UsageParams = { range: UsageRange; source: UsageSource; sort: TopUserSort };

export const DEFAULT_USAGE_PARAMS: UsageParams = { range: "7d", source: "app", sort: "tokens" };

export const RANGE_LABELS: Record<UsageRange, { short: string; long: string }> = {
  "24h": { short: "24 h", long: "the last 24 hours" },
  "7d": { short: "7 d", long: "the last 7 days" },
  "30d": { short: "30 d", long: "the last 30 days" },
};

export const SOURCE_LABELS: Record<UsageSource, string> = {
  app: "Real usage",
  eval: "Evals",
  seed: "Synthetic",
};

/** A range cut into chart buckets: hours for 24 h, UTC days otherwise. */
export type RangeWindow = {
  range: UsageRange;
  bucket: "hour" | "day";
  /** Start of the first bucket (inclusive). */
  from: Date;
  /** End of the last bucket (exclusive): the end of the current hour or UTC day. */
  to: Date;
  /** The start of every bucket, oldest first; a bucket with no calls is still charted (as zero). */
  starts: Date[];
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The buckets of a range ending now. Rollups are hourly (UTC), so every
 * bucket boundary is an hour boundary and a range is read from whole rollup
 * rows: no partial hour is ever estimated.
 */
export function rangeWindow(range: UsageRange, now: Date = new Date()): RangeWindow {
  const bucket = range === "24h" ? "hour" : "day";
  const size = bucket === "hour" ? HOUR_MS : DAY_MS;
  const count = range === "24h" ? 24 : range === "7d" ? 7 : 30;
  const current = Math.floor(now.getTime() / size) * size;
  const starts = Array.from({ length: count }, (_, index) => new Date(current - (count - 1 - index) * size));
  return { range, bucket, from: starts[0]!, to: new Date(current + size), starts };
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function single(params: ParamSource, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

/** The page's parameters from its search params; anything unknown falls back to the default (a stale link still shows a page). */
export function parseUsageParams(params: ParamSource): UsageParams {
  return {
    range: oneOf(USAGE_RANGES, single(params, "range"), DEFAULT_USAGE_PARAMS.range),
    source: oneOf(USAGE_SOURCES, single(params, "source"), DEFAULT_USAGE_PARAMS.source),
    sort: oneOf(TOP_USER_SORTS, single(params, "sort"), DEFAULT_USAGE_PARAMS.sort),
  };
}

/** A link to `path` with these parameters, leaving defaults out so the plain URL stays the canonical one. */
export function usageHref(path: string, params: UsageParams, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const key of ["range", "source", "sort"] as const) {
    if (params[key] !== DEFAULT_USAGE_PARAMS[key]) query.set(key, params[key]);
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
