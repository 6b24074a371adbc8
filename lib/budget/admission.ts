import "server-only";
import { getDb } from "@/db/client";
import { priceIdOf, type ChainModel } from "@/lib/ai/registry";
import { countTokens } from "@/lib/context/count-tokens";
import { BallastError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { logAttempts, logBudgetDenial } from "@/lib/telemetry/call-log";
import type { LoggedAttempt } from "@/lib/telemetry/call-row";
import type { CurrentUser } from "@/lib/identity/current-user";
import { budgetErrorCode, budgetRefusalMessage, secondsUntilRenewal } from "./messages";
import { UnpricedModelError } from "./prices";
import { checkRateLimit } from "./rate-limit";
import { reserve } from "./reserve";
import { settle } from "./settle";
import { usageFromAttempts, type AttemptOutcome } from "./usage";

/**
 * Request-path step: requests per minute, per user and per client address.
 * Refused with 429 and Retry-After.
 */
export async function enforceRateLimit({ user, request }: { user: CurrentUser; request: Request }): Promise<void> {
  const result = await checkRateLimit({ db: await getDb(), userId: user.id, ip: clientAddress(request) });
  if (!result.ok) {
    throw new BallastError(result.key === "user" ? "rate_limited:user" : "rate_limited:ip", {
      message: `Too many requests: the limit is ${result.limit} a minute. Try again in ${result.retryAfterSeconds} s.`,
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

/**
 * The address of the client as the nearest proxy saw it: the last
 * X-Forwarded-For entry (Next's own server appends the socket address), so a
 * client cannot pick its own rate-limit bucket by sending the header itself.
 */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || null;
}

export type Admission = {
  /** Charges what the attempts really used and releases the rest. Safe to call once per request; never throws. */
  settle: (attempts: readonly AttemptOutcome[]) => Promise<void>;
  /**
   * Runs the model calls and settles what they used, also when the user stopped,
   * every attempt failed or `work` threw: the one place a request's usage is
   * paid for. Then queues one call-log row per attempt (off the hot path).
   */
  paidFor: <T extends { run: { attempts: readonly LoggedAttempt[] } }>(work: () => Promise<T>) => Promise<T>;
};

/**
 * Request-path step before any provider call: reserve the worst case (input
 * tokens + the feature's maxOutputTokens, priced at the chain's most expensive
 * model) in every budget scope, or refuse with the budget that ran out (402)
 * and when it renews (logged as a `budget_denied` call). The returned settle
 * moves the hold to real usage.
 */
export async function admitRequest({
  user,
  requestId,
  chatId,
  feature,
  chain,
  inputTokens,
  maxOutputTokens,
}: {
  user: CurrentUser;
  requestId: string;
  chatId: string | null;
  /** The feature's name, for the call log. */
  feature: string;
  chain: readonly ChainModel[];
  inputTokens: number;
  maxOutputTokens: number;
}): Promise<Admission> {
  const db = await getDb();
  const modelIds = chain.map(priceIdOf);
  let result;
  try {
    result = await reserve({ db, requestId, userId: user.id, tier: user.tier, chatId, estimate: { inputTokens, maxOutputTokens, modelIds } });
  } catch (error) {
    if (error instanceof UnpricedModelError) throw new BallastError("unpriced_model:model", { cause: error });
    throw error;
  }
  const callContext = { requestId, userId: user.id, chatId, feature, chain };
  if (!result.ok) {
    if (result.reason === "request_closed") throw new BallastError("bad_request:api", { message: "This request was already answered." });
    const refusal = new BallastError(budgetErrorCode(result.scope), {
      message: budgetRefusalMessage(result),
      retryAfterSeconds: secondsUntilRenewal(result) ?? undefined,
    });
    logBudgetDenial(callContext, refusal);
    throw refusal;
  }

  let settled = false;
  const settleOnce = async (attempts: readonly AttemptOutcome[]) => {
    if (settled) return;
    settled = true;
    try {
      const usage = usageFromAttempts({ attempts, inputTokens, countTokens });
      await settle({ db, requestId, usage });
    } catch (error) {
      // The reservation expires and is swept; the reply must not fail over its bill.
      logger.error({ err: error, requestId }, "budget settle failed; the sweep will release the reservation");
    }
  };
  return {
    settle: settleOnce,
    paidFor: async (work) => {
      const startedAt = new Date();
      let attempts: readonly LoggedAttempt[] = [];
      try {
        const result = await work();
        attempts = result.run.attempts;
        return result;
      } finally {
        await settleOnce(attempts);
        logAttempts({ ...callContext, inputTokens, startedAt }, attempts);
      }
    },
  };
}
