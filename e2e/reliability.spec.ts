import { expect, test, type Page } from "@playwright/test";
import type { FaultMode } from "@/lib/ai/faults";

/**
 * The reliability layer as a visitor sees it, driven through the dev tools'
 * fault switch (on in this server: BALLAST_DEV_TOOLS=1, LLM_SLOW_NOTICE_MS=1000,
 * OFFLINE_LATENCY_SPIKE_MS=3000). Fault settings live in localStorage, so every
 * test starts with them off (a fresh browser context).
 */

const question = "How do I keep LLM replies within a JSON schema when the model sometimes forgets a field?";

/** Opens the fault switch, ticks `modes` at 100% of first attempts, and closes it with Escape. */
async function enableFaults(page: Page, modes: FaultMode[]) {
  await page.getByTestId("fault-toggle").click();
  const panel = page.getByRole("dialog", { name: "Fault injection" });
  await expect(panel).toBeVisible();
  for (const mode of modes) await page.getByTestId(`fault-mode-${mode}`).check();
  await page.getByTestId("fault-rate").selectOption("1");
  await expect(page.getByTestId("fault-first-only")).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page.getByTestId("faults-active")).toBeVisible();
  for (const mode of modes) await expect(page.getByTestId("faults-active")).toContainText(mode);
}

/** Records every distinct reply-card node and the sequence of attempts it showed, from now on. */
async function watchReplyCards(page: Page) {
  await page.evaluate(() => {
    const seen = { nodes: new Set<Element>(), attempts: [] as string[] };
    (window as unknown as { __cards: typeof seen }).__cards = seen;
    const record = () => {
      for (const card of document.querySelectorAll('[data-testid="reply-card"]')) {
        seen.nodes.add(card);
        const attempt = card.getAttribute("data-attempt") ?? "";
        if (seen.attempts.at(-1) !== attempt) seen.attempts.push(attempt);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return async () =>
    page.evaluate(() => {
      const seen = (window as unknown as { __cards: { nodes: Set<Element>; attempts: string[] } }).__cards;
      return { nodes: seen.nodes.size, attempts: seen.attempts };
    });
}

async function send(page: Page, text: string) {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("send-button").click();
}

test.describe("reliability", () => {
  test("an invalid first reply is retried with feedback and replaces the same card", async ({ page }) => {
    await page.goto("/");
    await enableFaults(page, ["missing_field"]);
    const cards = await watchReplyCards(page);
    await send(page, question);

    const card = page.getByTestId("reply-card");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card).toHaveAttribute("data-attempt", "2");
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId("reply-summary")).not.toBeEmpty();

    const note = card.getByTestId("reply-retry-note");
    await expect(note).toBeVisible();
    await expect(note).toHaveAttribute("data-reason", "invalid_output");
    await expect(note).toContainText("didn't match the schema");

    // One card node for the turn: attempt 1 streamed into it, then attempt 2 replaced it in place.
    expect(await cards()).toEqual({ nodes: 1, attempts: ["1", "2"] });
    await expect(page.getByTestId("chat-error")).toHaveCount(0);
  });

  test("a slow model gets a notice before its first output, which goes away when the reply streams", async ({ page }) => {
    await page.goto("/");
    await enableFaults(page, ["latency_spike"]);
    await send(page, question);

    const status = page.getByTestId("model-status");
    await expect(status).toBeVisible();
    await expect(status).toHaveAttribute("data-state", "slow");
    await expect(status).toHaveAttribute("role", "status");
    // Still nothing written: the notice came before the first partial.
    await expect(page.getByTestId("reply-card")).toHaveCount(0);

    const card = page.getByTestId("reply-card");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card).toHaveAttribute("data-attempt", "1");
    await expect(status).toHaveCount(0);
  });

  test("stop during a latency spike ends the request quietly", async ({ page }) => {
    await page.goto("/");
    await enableFaults(page, ["latency_spike"]);
    await send(page, question);

    await expect(page.getByTestId("model-status")).toHaveAttribute("data-state", "slow");
    await page.getByTestId("stop-button").click();

    await expect(page.getByTestId("send-button")).toBeVisible();
    await expect(page.getByTestId("stop-button")).toHaveCount(0);
    await expect(page.getByTestId("model-status")).toHaveCount(0);
    await expect(page.getByText("No reply (stopped)")).toBeVisible();
    await expect(page.getByTestId("chat-error")).toHaveCount(0);
  });

  test("a rate limit is waited out (with a notice) and retried", async ({ page }) => {
    await page.goto("/");
    await enableFaults(page, ["rate_limit"]);
    await send(page, question);

    await expect(page.getByTestId("model-status")).toHaveAttribute("data-state", "waiting");
    const card = page.getByTestId("reply-card");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card).toHaveAttribute("data-attempt", "2");
    await expect(card.getByTestId("reply-retry-note")).toHaveAttribute("data-reason", "rate_limited");
    await expect(card.getByTestId("reply-retry-note")).toContainText("Retried after a rate limit");
    await expect(page.getByTestId("model-status")).toHaveCount(0);
  });

  for (const mode of ["prose", "fence"] as const) {
    test(`${mode} around the JSON is repaired, not retried`, async ({ page }) => {
      await page.goto("/");
      await enableFaults(page, [mode]);
      await send(page, question);

      const card = page.getByTestId("reply-card");
      await expect(card).toHaveAttribute("data-state", "done");
      await expect(card).toHaveAttribute("data-attempt", "1");
      await expect(card.getByTestId("reply-answer")).not.toBeEmpty();
      await expect(card.getByTestId("reply-retry-note")).toHaveCount(0);
    });
  }

  test("the fault switch remembers its settings and turns off", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("faults-active")).toHaveCount(0);
    await enableFaults(page, ["rate_limit", "stream_cut"]);

    await page.reload();
    await expect(page.getByTestId("faults-active")).toContainText("rate_limit, stream_cut");
    await page.getByTestId("fault-toggle").click();
    // Focus moves into the panel, and back to its button when Escape closes it.
    await expect(page.getByTestId("fault-mode-all")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("fault-toggle")).toBeFocused();
    await page.getByTestId("fault-toggle").click();
    await expect(page.getByTestId("fault-mode-rate_limit")).toBeChecked();
    await expect(page.getByTestId("fault-mode-all")).not.toBeChecked();
    await page.getByTestId("fault-mode-all").check();
    await expect(page.getByTestId("fault-mode-latency_spike")).toBeChecked();
    await page.getByTestId("fault-mode-all").uncheck();
    await expect(page.getByTestId("faults-active")).toHaveCount(0);
  });
});

test.describe("summarize", () => {
  const article =
    "PostgreSQL keeps every row version it writes, and a background process called autovacuum later removes the " +
    "versions no transaction can see any more. When autovacuum falls behind, tables bloat, indexes grow and queries " +
    "slow down, so busy databases tune its cost limits and run it more often on their largest tables.";

  test("pasted text becomes a summary card with tags and confidence; a bad first try is retried", async ({ page }) => {
    await page.goto("/");
    const link = page.getByRole("link", { name: "Summarize" });
    if (!(await link.isVisible())) await page.getByRole("button", { name: "Open menu" }).click();
    await link.click();
    await expect(page).toHaveURL(/\/summarize$/);
    await expect(page.getByRole("heading", { name: "Summarize", level: 1 })).toBeVisible();

    await page.getByLabel("Text to summarize").fill(article);
    await page.getByTestId("summarize-button").click();

    const card = page.getByTestId("summary-card");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card).toHaveAttribute("data-attempt", "1");
    await expect(card.getByTestId("summary-text")).not.toBeEmpty();
    expect(await card.getByTestId("summary-tags").locator("li").count()).toBeGreaterThan(0);
    expect(Number(await card.getByTestId("summary-confidence").getAttribute("aria-valuenow"))).toBeGreaterThan(0);

    // Now with a required field left out of the first attempt: the same card is replaced by attempt 2.
    await enableFaults(page, ["missing_field"]);
    await page.getByTestId("summarize-button").click();
    await expect(card).toHaveAttribute("data-attempt", "2");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId("summary-retry-note")).toBeVisible();
    await expect(card.getByTestId("summary-text")).not.toBeEmpty();
    await expect(page.getByTestId("chat-error")).toHaveCount(0);
  });
});
