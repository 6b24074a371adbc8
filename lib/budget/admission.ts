import "server-only";
import { getDb } from "@/db/client";
import { OFFLINE_PROVIDER } from "@/lib/ai/offline-model";
import type { ChainModel } from "@/lib/ai/registry";
import { countTokens } from "@/lib/context/count-tokens";
import { BallastError } from "@/lib/errors";
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
   * every attempt failed or `work` threw: the one place a request's usage is paid for.
   */
  paidFor: <T extends { run: { attempts: readonly AttemptOutcome[] } }>(work: () => Promise<T>) => Promise<T>;
};

/**
 * Request-path step before any provider call: reserve the worst case (input
 * tokens + the feature's maxOutputTokens, priced at the chain's most expensive
 * model) in every budget scope, or refuse with the budget that ran out (402)
 * and when it renews. The returned settle moves the hold to real usage.
 */
export async function admitRequest({
  user,
  requestId,
  chatId,
  chain,
  inputTokens,
  maxOutputTokens,
}: {
  user: CurrentUser;
  requestId: string;
  chatId: string | null;
  chain: readonly ChainModel[];
  inputTokens: number;
  maxOutputTokens: number;
}): Promise<Admission> {
  const db = await getDb();
  // Every offline instance is priced as "offline", whatever its name in the chain.
  const modelIds = chain.map((entry) => (entry.model.provider === OFFLINE_PROVIDER ? "offline" : entry.id));
  let result;
  try {
    result = await reserve({ db, requestId, userId: user.id, tier: user.tier, chatId, estimate: { inputTokens, maxOutputTokens, modelIds } });
  } catch (error) {
    if (error instanceof UnpricedModelError) throw new BallastError("unpriced_model:model", { cause: error });
    throw error;
  }
  if (!result.ok) {
    if (result.reason === "request_closed") throw new BallastError("bad_request:api", { message: "This request was already answered." });
    throw new BallastError(budgetErrorCode(result.scope), {
      message: budgetRefusalMessage(result),
      retryAfterSeconds: secondsUntilRenewal(result) ?? undefined,
    });
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
      console.error(`[budget] settle failed for ${requestId}; the sweep will release it`, error);
    }
  };
  return {
    settle: settleOnce,
    paidFor: async (work) => {
      let attempts: readonly AttemptOutcome[] = [];
      try {
        const result = await work();
        attempts = result.run.attempts;
        return result;
      } finally {
        await settleOnce(attempts);
      }
    },
  };
}
