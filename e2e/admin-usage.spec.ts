import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { FaultMode } from "@/lib/ai/faults";
import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { formatDollars } from "@/components/admin/usage/format";
import { parseSse } from "@/test/sse";
import { ADMIN, signInAsAdmin, submitAuthForm } from "./admin-account";

/*
 * The admin usage page against the production build. An admin (the address
 * this server's ADMIN_EMAILS names) chats, some replies with injected faults;
 * the page's figures must equal what /api/admin/usage returns and grow by
 * exactly the calls those chats made. Nobody else gets the page or its data.
 * Both projects (desktop, phone) run this file against one server, so the
 * admin signs up once and signs in after that.
 */

async function signUpUser(page: Page): Promise<void> {
  await page.goto("/sign-up");
  await page.getByTestId("auth-name").fill("Una User");
  await page.getByTestId("auth-email").fill(`una-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`);
  await page.getByTestId("auth-password").fill("una password 1");
  await page.getByTestId("auth-confirm").fill("una password 1");
  await submitAuthForm(page, page.locator('[data-testid="user-menu"][data-tier="user"]'));
}

/** One chat turn through POST /api/chat; returns how many model calls it took (the final reply's attempt number). */
async function chat(request: APIRequestContext, text: string, fault?: FaultMode): Promise<number> {
  const response = await request.post("/api/chat", {
    data: {
      chatId: crypto.randomUUID(),
      message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] },
      ...(fault ? { faults: { modes: [fault], rate: 1, firstAttemptOnly: true } } : {}),
    },
  });
  expect(response.status()).toBe(200);
  const replies = parseSse(await response.text()).flatMap((chunk) => (chunk.type === "data-reply" ? [chunk.data] : []));
  const final = replies.at(-1);
  expect(final?.state).toBe("done");
  return final!.attempt;
}

async function usage(request: APIRequestContext, query = "range=24h"): Promise<UsageDashboard> {
  const response = await request.get(`/api/admin/usage?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as UsageDashboard;
}

async function tileValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-value"));
}

test.describe("admin usage page", () => {
  test("shows the calls an admin's chats made, with faults, in figures equal to the API's", async ({ page }) => {
    await signInAsAdmin(page);
    const before = await usage(page.request);

    const turns: Array<FaultMode | undefined> = [undefined, "fence", "missing_field", "server_error", "trailing_comma"];
    let calls = 0;
    for (const [index, fault] of turns.entries()) calls += await chat(page.request, `Question ${index}: how does a call log show why replies fail?`, fault);
    // Each fault cost at least one extra call or a repair; the injected server error and missing field each a retry.
    expect(calls).toBeGreaterThanOrEqual(turns.length + 2);

    // Calls are logged just after each reply: wait until all of them are counted.
    await expect.poll(async () => (await usage(page.request)).totals.calls - before.totals.calls).toBe(calls);
    const after = await usage(page.request);
    expect(after.totals.answered - before.totals.answered).toBe(turns.length);
    expect(after.totals.requests - before.totals.requests).toBe(turns.length);
    expect(after.totals.byOutcome.repaired - before.totals.byOutcome.repaired).toBeGreaterThanOrEqual(2);
    expect(after.totals.byOutcome.retried - before.totals.byOutcome.retried).toBeGreaterThanOrEqual(2);
    expect(after.totals.byOutcome.invalid_output - before.totals.byOutcome.invalid_output).toBe(1);
    expect(after.totals.byOutcome.provider_error - before.totals.byOutcome.provider_error).toBe(1);

    await page.goto("/admin?range=24h");
    await expect(page.getByTestId("usage-page")).toHaveAttribute("data-range", "24h");
    // The page and the API read the same rollups: every headline figure matches, and so does its formatting.
    expect(await tileValue(page, "usage-total-calls")).toBe(after.totals.calls);
    expect(await tileValue(page, "usage-total-answered")).toBe(after.totals.answered);
    expect(await tileValue(page, "usage-total-requests")).toBe(after.totals.requests);
    expect(await tileValue(page, "usage-total-tokens")).toBe(after.totals.inputTokens + after.totals.outputTokens);
    expect(await tileValue(page, "usage-total-cost")).toBe(after.totals.costMicros);
    await expect(page.getByTestId("usage-total-cost")).toHaveText(formatDollars(after.totals.costMicros));
    expect(await tileValue(page, "usage-total-denials")).toBe(after.totals.byOutcome.budget_denied);

    for (const id of ["usage-tokens-chart", "usage-latency-chart", "usage-outcomes-chart", "usage-top-users"]) await expect(page.getByTestId(id)).toBeVisible();
    // The charts are drawn (client components) and the latency table names the offline model.
    await expect(page.getByTestId("usage-tokens-chart").locator("svg.recharts-surface")).toBeVisible();
    await expect(page.getByTestId("usage-latency-table")).toContainText("offline");

    // The admin is among the top users with the same figures as the API.
    const adminRow = after.topUsers.rows.find((row) => row.user.email === ADMIN.email)!;
    expect(adminRow.calls).toBeGreaterThanOrEqual(calls);
    const row = page.locator(`[data-testid="usage-top-user"][data-user-id="${adminRow.user.id}"]`);
    await expect(row).toHaveAttribute("data-tokens", String(adminRow.inputTokens + adminRow.outputTokens));
    await expect(row).toHaveAttribute("data-cost-micros", String(adminRow.costMicros));
    await expect(row).toHaveAttribute("data-calls", String(adminRow.calls));

    // A user's detail lists their calls newest first: the last turn's, with its injected fault.
    await row.getByRole("link", { name: ADMIN.name }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${adminRow.user.id}\\?range=24h`));
    await expect(page.getByTestId("usage-user-page")).toBeVisible();
    expect(await tileValue(page, "usage-user-calls")).toBe(adminRow.calls);
    const recent = page.getByTestId("usage-recent-call");
    await expect(recent.first()).toContainText("fault: trailing_comma");
    await expect(recent.first()).toHaveAttribute("data-outcome", "repaired");
  });

  test("picks a range and a source with links, and marks synthetic data", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/admin");
    const ranges = page.getByRole("navigation", { name: "Time range" });
    await expect(ranges.getByRole("link", { name: "7 d" })).toHaveAttribute("aria-current", "page");
    await ranges.getByRole("link", { name: "30 d" }).click();
    await expect(page).toHaveURL(/range=30d/);
    await expect(ranges.getByRole("link", { name: "30 d" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("usage-page")).toHaveAttribute("data-range", "30d");

    // Nothing is seeded on this server: the synthetic view says so, under its banner.
    await page.getByRole("navigation", { name: "Data source" }).getByRole("link", { name: "Synthetic" }).click();
    await expect(page).toHaveURL(/source=seed/);
    await expect(page.getByTestId("usage-synthetic-banner")).toContainText("Synthetic data, not real usage");
    await expect(page.getByTestId("usage-empty")).toContainText("No synthetic calls in the last 30 days");
    await expect(page.getByTestId("usage-empty")).toContainText("npm run seed");
  });

  test("answers 404 to a signed-in user, a guest and a visitor without a session, pages and data alike", async ({ page, browser, playwright }, testInfo) => {
    // Who may see the data does not depend on the screen: the phone project would repeat the same requests.
    test.skip(testInfo.project.name === "phone", "access control is checked once, on desktop");
    await signInAsAdmin(page);
    // Any user's page will do: the admin's own, which exists whatever ran before.
    const session = (await (await page.request.get("/api/auth/get-session")).json()) as { user: { id: string } };
    const someone = session.user.id;
    const pages = ["/admin", "/admin?source=seed&range=30d", `/admin/users/${someone}`];
    const endpoints = ["/api/admin/usage", "/api/admin/usage?range=30d&source=seed", `/api/admin/usage/users/${someone}`];
    for (const path of [...pages, ...endpoints]) expect((await page.request.get(path)).status(), path).toBe(200);

    const member = await browser.newPage();
    await signUpUser(member);
    const guest = await browser.newPage();
    await guest.goto("/");
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    // A visitor without a cookie is sent for a guest session first, never to the data.
    const redirect = await anonymous.get("/admin", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toContain("/api/guest");
    for (const [who, request] of [["no session", anonymous], ["a signed-in user", member.request], ["a guest", guest.request]] as const) {
      // Data endpoints first: following a page's redirect gives the cookieless client a guest session.
      for (const path of endpoints) {
        const response = await request.get(path);
        expect(response.status(), `${who}: ${path}`).toBe(404);
        expect(await response.json()).toEqual({ error: { code: "not_found:api", message: "Not found.", retryable: false } });
      }
      for (const path of pages) {
        const response = await request.get(path);
        expect(response.status(), `${who}: ${path}`).toBe(404);
        expect(await response.text()).not.toContain("usage-page");
      }
    }
    await anonymous.dispose();
    await member.close();
    await guest.close();
  });
});
