/**
 * One error contract for the whole app: a code names the cause and the surface
 * (`cause:surface`), and maps to exactly one HTTP status, one message a user can
 * act on, whether a retry can help, and whether it is worth a server log line.
 * Route handlers throw BallastError; clients read the same table.
 */
const errorTable = {
  "bad_request:api": {
    status: 400,
    retryable: false,
    log: false,
    message: "The request was not understood.",
  },
  "unsupported_media_type:api": {
    status: 415,
    retryable: false,
    log: false,
    message: "Send the request body as JSON (Content-Type: application/json).",
  },
  "payload_too_large:api": {
    status: 413,
    retryable: false,
    log: false,
    message: "The request body is too large.",
  },
  "payload_too_large:chat": {
    status: 413,
    retryable: false,
    log: false,
    message: "That message is too long. Shorten it and send it again.",
  },
  "unauthorized:api": {
    status: 401,
    retryable: false,
    log: false,
    message: "You are not signed in. Reload the page to start a guest session.",
  },
  "budget_exceeded:chat": {
    status: 402,
    retryable: false,
    log: false,
    message: "This chat has used its budget. Start a new chat to continue.",
  },
  "budget_exceeded:day": {
    status: 402,
    retryable: false,
    log: false,
    message: "You have used today's budget. It renews at midnight UTC.",
  },
  "budget_exceeded:month": {
    status: 402,
    retryable: false,
    log: false,
    message: "You have used this month's budget. It renews on the 1st (UTC).",
  },
  "budget_exceeded:global": {
    status: 503,
    retryable: false,
    log: true,
    message: "Ballast has reached today's usage cap for all users. It resets at midnight UTC.",
  },
  "rate_limited:user": {
    status: 429,
    retryable: true,
    log: false,
    message: "You are sending requests faster than allowed. Wait a moment and try again.",
  },
  "rate_limited:ip": {
    status: 429,
    retryable: true,
    log: false,
    message: "Too many requests from your network. Wait a moment and try again.",
  },
  "unpriced_model:model": {
    status: 500,
    retryable: false,
    log: true,
    message: "A configured model has no price, so its use cannot be budgeted. The server's model configuration needs attention.",
  },
  "forbidden:dev_tools": {
    status: 403,
    retryable: false,
    log: false,
    message: "Fault injection is a development tool and is switched off on this server (BALLAST_DEV_TOOLS=1 turns it on).",
  },
  "payload_too_large:summarize": {
    status: 413,
    retryable: false,
    log: false,
    message: "That text is too long to summarize. Shorten it and try again.",
  },
  "not_found:api": {
    status: 404,
    retryable: false,
    log: false,
    message: "Not found.",
  },
  "not_found:chat": {
    status: 404,
    retryable: false,
    log: false,
    message: "This chat does not exist, or it belongs to someone else.",
  },
  "provider_error:model": {
    status: 502,
    retryable: true,
    log: true,
    message: "The model's provider failed to answer. Try again in a moment.",
  },
  "invalid_output:model": {
    status: 502,
    retryable: true,
    log: true,
    message: "The model's reply did not have the expected shape, even after it was asked to fix it. Try again, or rephrase your message.",
  },
  "rate_limited:model": {
    status: 503,
    retryable: true,
    log: true,
    message: "The model provider is limiting requests right now. Try again in a minute.",
  },
  "timeout:model": {
    status: 504,
    retryable: true,
    log: true,
    message: "The model took too long to answer. Try again.",
  },
  "context_length_exceeded:model": {
    status: 413,
    retryable: false,
    log: true,
    message: "This conversation no longer fits in the model's context window. Start a new chat to continue.",
  },
  "provider_rejected:model": {
    status: 502,
    retryable: false,
    log: true,
    message: "The model provider refused the request. The server's model configuration needs attention.",
  },
  "unavailable:database": {
    status: 503,
    retryable: true,
    log: true,
    message: "Ballast cannot reach its database right now, so it cannot take requests. Try again shortly.",
  },
  "internal:api": {
    status: 500,
    retryable: true,
    log: true,
    message: "Ballast hit an unexpected error. It has been logged; try again.",
  },
} as const satisfies Record<string, { status: number; retryable: boolean; log: boolean; message: string }>;

export type ErrorCode = keyof typeof errorTable;

export function describeError(code: ErrorCode) {
  return errorTable[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorTable, value);
}

export class BallastError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;

  /** Sent as Retry-After: when a retry (or the budget's renewal) can succeed. */
  readonly retryAfterSeconds?: number;

  /** `message` overrides the table's default with a more specific one (e.g. sizes and limits). */
  constructor(code: ErrorCode, options: { message?: string; cause?: unknown; retryAfterSeconds?: number } = {}) {
    const entry = errorTable[code];
    super(options.message ?? entry.message, { cause: options.cause });
    this.name = "BallastError";
    this.code = code;
    this.status = entry.status;
    this.retryable = entry.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toBody(): { error: { code: ErrorCode; message: string; retryable: boolean; retryAfterSeconds?: number } } {
    return { error: { code: this.code, message: this.message, retryable: this.retryable, retryAfterSeconds: this.retryAfterSeconds } };
  }

  toResponse(): Response {
    const headers = new Headers();
    if (this.retryAfterSeconds !== undefined) headers.set("retry-after", String(this.retryAfterSeconds));
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P03"]);

/** A driver error meaning the database is unreachable (postgres.js and Node socket codes). */
function isDatabaseConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONNECTION_ERROR_CODES.has(code);
}

/**
 * Postgres refusing a value itself, not the query: a NUL byte (22021), text no
 * encoding holds (22P05), text that is not the column's type such as a
 * malformed UUID (22P02). Such values come from the request (an id in the
 * path, a query parameter), so the answer is the client's 400, not a 500.
 */
const UNREPRESENTABLE_VALUE_CODES = new Set(["22021", "22P05", "22P02"]);

function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && codes.has(code);
}

/** Any thrown value as a BallastError; an unreachable database is 503, a value it cannot store 400, other unknown causes 500. */
export function toBallastError(error: unknown): BallastError {
  if (error instanceof BallastError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isDatabaseConnectionError(error) || isDatabaseConnectionError(cause)) {
    return new BallastError("unavailable:database", { cause: error });
  }
  if (hasCode(error, UNREPRESENTABLE_VALUE_CODES) || hasCode(cause, UNREPRESENTABLE_VALUE_CODES)) {
    return new BallastError("bad_request:api", { message: "The request contains a value that is not valid here (a NUL character, or an id of the wrong form).", cause: error });
  }
  return new BallastError("internal:api", { cause: error });
}
