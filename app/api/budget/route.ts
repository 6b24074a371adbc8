import { z } from "zod";
import { getDb } from "@/db/client";
import { getChat } from "@/db/queries/chats";
import { SCOPE_LABELS, type BudgetMeter, type BudgetMeterScope } from "@/lib/budget/meter";
import { getBudgetStatus, type ScopeStatus } from "@/lib/budget/remaining";
import { routeHandler } from "@/lib/http/route-handler";
import { requireUser } from "@/lib/identity/current-user";

/** GET /api/budget?chatId=…: the caller's budgets for the meter (a chat's only if it is theirs). */
export const GET = routeHandler("GET /api/budget", async (request: Request): Promise<Response> => {
  const user = await requireUser(request);
  const requested = new URL(request.url).searchParams.get("chatId");
  const chatId = requested && z.uuid().safeParse(requested).success && (await getChat({ id: requested, ownerId: user.id })) ? requested : null;
  const status = await getBudgetStatus({ db: await getDb(), userId: user.id, tier: user.tier, chatId });
  const meter: BudgetMeter = {
    tier: user.tier,
    binding: status.binding ? toMeterScope(status.binding) : null,
    scopes: status.scopes.map(toMeterScope),
  };
  return Response.json(meter, { headers: { "cache-control": "no-store" } });
});

function toMeterScope(scope: ScopeStatus): BudgetMeterScope {
  return {
    scope: scope.scope,
    label: SCOPE_LABELS[scope.scope],
    limitTokens: scope.limitTokens,
    usedTokens: scope.spentTokens + scope.reservedTokens,
    remainingTokens: scope.remainingTokens,
    remainingFraction: scope.remainingFraction,
    renewsAt: scope.renewsAt?.toISOString() ?? null,
  };
}
