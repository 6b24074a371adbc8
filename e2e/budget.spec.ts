import { expect, test, type Page } from "@playwright/test";

/**
 * Budgets as a guest sees them. This server gives a guest 6,000 tokens a day
 * (BUDGET_GUEST_DAY_TOKENS in playwright.config.ts), a few replies' worth; every
 * test runs in a new browser context, so it is a new guest with a fresh budget.
 */

const topics = ["postgres ledgers", "token budgets", "rate limits", "context windows", "streaming replies", "retries"];

/** A message about one topic, `sentences` long (the longer, the more of the budget it uses). */
function message(index: number, sentences = 1): string {
  const topic = topics[index % topics.length]!;
  const sentence = `Explain how ${topic} keep an LLM feature reliable and affordable in production, with one concrete example.`;
  return Array.from({ length: sentences }, (_, line) => (line === 0 ? sentence : `Also consider case ${line}: ${sentence}`)).join(" ");
}

/** Sends a message and waits until it is either answered (a finished card) or refused (the error alert). */
async function sendAndSettle(page: Page, text: string): Promise<"answered" | "refused"> {
  const done = page.locator('[data-testid="reply-card"][data-state="done"]');
  const answeredBefore = await done.count();
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("send-button").click();
  const error = page.getByTestId("chat-error");
  await expect(done.nth(answeredBefore).or(error)).toBeVisible({ timeout: 30_000 });
  return (await error.isVisible()) ? "refused" : "answered";
}

async function remaining(page: Page): Promise<number> {
  return Number(await page.getByTestId("budget-meter").getAttribute("data-remaining"));
}

async function openHistory(page: Page) {
  const history = page.getByTestId("chat-history");
  if (!(await history.isVisible())) await page.getByRole("button", { name: "Open menu" }).click();
  await expect(history).toBeVisible();
  return history;
}

test.describe("budget", () => {
  test("a guest sees the budget meter fall with each reply", async ({ page }) => {
    await page.goto("/");
    const meter = page.getByTestId("budget-meter");
    await expect(meter).toBeVisible();
    await expect(meter).toHaveAttribute("data-state", "ready");
    await expect(meter).toHaveAttribute("data-scope", "user_day");
    // A new guest starts with all of today's budget.
    expect(await remaining(page)).toBe(1);
    const bar = meter.getByRole("meter");
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(bar).toHaveAttribute("aria-label", "Today's budget: 100% left");

    let before = 1;
    for (let index = 0; index < 3; index++) {
      expect(await sendAndSettle(page, message(index))).toBe("answered");
      // The meter is fetched again once the reply has finished, and shows less left every time.
      await expect.poll(() => remaining(page)).toBeLessThan(before);
      const now = await remaining(page);
      expect(now).toBeGreaterThan(0);
      await expect(bar).toHaveAttribute("aria-valuenow", String(Math.floor(now * 100)));
      await expect(bar).toHaveAttribute("aria-label", `Today's budget: ${Math.floor(now * 100)}% left`);
      before = now;
    }

    // The details list every budget with what is used and when it renews.
    await meter.getByRole("button", { name: "Budget details" }).click();
    const details = page.getByRole("dialog", { name: "Token budget" });
    await expect(details).toBeVisible();
    const today = details.locator('[data-scope="user_day"]');
    await expect(today).toContainText(/of 6,000 tokens used/);
    await expect(today).toContainText(/renews in \d/i);
    await expect(details.locator('[data-scope="session"]')).toContainText(/never renews/i);
    await page.keyboard.press("Escape");
    await expect(details).toBeHidden();
  });

  test("when today's budget is spent, a send is refused with which budget, when it renews and a way to sign up", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("budget-meter")).toHaveAttribute("data-state", "ready");

    let outcome: "answered" | "refused" = "answered";
    let sent = 0;
    while (outcome === "answered" && sent < 15) outcome = await sendAndSettle(page, message(sent++, 8));
    expect(outcome, `still answered after ${sent} messages`).toBe("refused");
    expect(sent).toBeGreaterThan(1);

    const alert = page.getByTestId("chat-error");
    await expect(alert).toHaveAttribute("data-error-code", "budget_exceeded:day");
    await expect(alert).toHaveAttribute("role", "alert");
    await expect(alert).toContainText("today's budget of 6,000 tokens");
    await expect(alert).toContainText(/renews at midnight UTC, in (\d+ h|\d+ min|under a minute)/);
    // Sending again cannot help: no "Try again", but a guest is offered the way to a larger budget.
    await expect(alert.getByRole("button", { name: "Try again" })).toHaveCount(0);
    const signUp = alert.getByRole("link", { name: "Sign up for a larger budget" });
    await expect(signUp).toBeVisible();
    await expect(signUp).toHaveAttribute("href", /^\/sign-up/);

    // The meter was fetched again after the refusal too, and still shows today's budget.
    await expect(page.getByTestId("budget-meter")).toHaveAttribute("data-scope", "user_day");
    expect(await remaining(page)).toBeLessThan(0.5);
  });

  test("signing up keeps the guest's chats; signing out gives a fresh guest", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("user-menu")).toContainText("Guest");
    expect(await sendAndSettle(page, message(0))).toBe("answered");
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    const chatPath = new URL(page.url()).pathname;

    // The account menu leads to sign-up, which comes back to this chat.
    await page.getByTestId("user-menu-button").click();
    await page.getByTestId("sign-up-link").click();
    await expect(page).toHaveURL(/\/sign-up/);
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();

    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const name = `Ada ${suffix}`;
    const password = "correct horse battery";

    // Inline validation before anything is sent.
    await page.getByTestId("auth-submit").click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(page.getByTestId("auth-name")).toBeFocused();
    await page.getByTestId("auth-name").fill(name);
    await page.getByTestId("auth-email").fill(`ada-${suffix}@example.com`);
    await page.getByTestId("auth-password").fill("short");
    await page.getByTestId("auth-confirm").fill("short");
    await page.getByTestId("auth-submit").click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByTestId("auth-password")).toHaveAttribute("aria-invalid", "true");

    await page.getByTestId("auth-password").fill(password);
    await page.getByTestId("auth-confirm").fill(password);
    await page.getByTestId("auth-submit").click();

    await expect(page).toHaveURL(new RegExp(`${chatPath}$`));
    await expect(page.getByTestId("user-menu")).toHaveAttribute("data-tier", "user");
    await expect(page.getByTestId("user-menu")).toContainText(name);
    await expect(page.getByTestId("user-message").first()).toHaveText(message(0));
    const history = await openHistory(page);
    await expect(history.locator(`a[href="${chatPath}"]`)).toHaveCount(1);
    if (await page.getByRole("button", { name: "Close menu" }).isVisible()) await page.keyboard.press("Escape");

    // Signing out leaves a new guest behind, who has no chats and cannot open the account's.
    await page.getByTestId("user-menu-button").click();
    await page.getByTestId("sign-out-button").click();
    await expect(page.getByTestId("user-menu")).toHaveAttribute("data-tier", "guest");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("user-menu")).toContainText("Guest");
    await expect(page.getByTestId("chat-history").locator('a[href^="/chat/"]')).toHaveCount(0);
    const response = await page.goto(chatPath);
    expect(response?.status()).toBe(404);
  });

  test("signing up with an email that already has an account shows the server's refusal", async ({ page, browser }) => {
    const email = `taken-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
    const other = await browser.newContext();
    const first = await other.newPage();
    await first.goto("/sign-up");
    await first.getByTestId("auth-name").fill("First");
    await first.getByTestId("auth-email").fill(email);
    await first.getByTestId("auth-password").fill("password-one");
    await first.getByTestId("auth-confirm").fill("password-one");
    await first.getByTestId("auth-submit").click();
    await expect(first.getByTestId("user-menu")).toHaveAttribute("data-tier", "user");
    await other.close();

    await page.goto("/sign-up");
    await page.getByTestId("auth-name").fill("Second");
    await page.getByTestId("auth-email").fill(email);
    await page.getByTestId("auth-password").fill("password-two");
    await page.getByTestId("auth-confirm").fill("password-two");
    await page.getByTestId("auth-submit").click();
    const error = page.getByTestId("auth-error");
    await expect(error).toContainText("already exists");
    await expect(error.getByRole("link", { name: "Sign in instead" })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up/);
    await expect(page.getByTestId("user-menu")).toHaveAttribute("data-tier", "guest");
  });
});
