import { expect, test } from "@playwright/test";

const question =
  "What is the cheapest way to keep an LLM feature within a daily token budget? I care about Postgres, latency and users who retry a lot.";

test.describe("chat", () => {
  test("a message gets a reply card that streams in, and the chat survives a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("model-badge")).toContainText("Offline model");

    await page.getByTestId("chat-input").fill(question);
    await page.getByTestId("send-button").click();

    const card = page.getByTestId("reply-card").last();
    // The card is on screen while the reply is still streaming, then completes.
    await expect(card).toHaveAttribute("data-state", "streaming");
    await expect(card).toHaveAttribute("data-state", "done");
    await expect(card.getByTestId("reply-answer")).not.toBeEmpty();
    await expect(card.getByTestId("reply-summary")).not.toBeEmpty();
    const tags = card.getByTestId("reply-tags");
    // Tags are extracted from the message, never invented.
    const tagWords = (await tags.locator("li").allInnerTexts()).map((tag) => tag.trim().toLowerCase());
    expect(tagWords.length).toBeGreaterThan(0);
    for (const tag of tagWords) expect(question.toLowerCase()).toContain(tag);
    const confidence = card.getByTestId("reply-confidence");
    const value = Number(await confidence.getAttribute("aria-valuenow"));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(100);

    // A new chat moves to its own URL and shows up in the history.
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    const summary = await card.getByTestId("reply-summary").innerText();
    const tagText = await tags.innerText();

    await page.reload();
    const restored = page.getByTestId("reply-card").last();
    await expect(restored).toHaveAttribute("data-state", "done");
    // innerText on both sides: the card's own labels ("TL;DR") render the same way.
    expect(await restored.getByTestId("reply-summary").innerText()).toBe(summary);
    expect(await restored.getByTestId("reply-tags").innerText()).toBe(tagText);
    // The offline answer may quote the question too: look for it as the user's message.
    await expect(page.getByTestId("user-message").last()).toHaveText(question);

    const chatId = new URL(page.url()).pathname.split("/").pop()!;
    const history = page.getByTestId("chat-history");
    if (!(await history.isVisible())) await page.getByRole("button", { name: /menu|chats|history/i }).first().click();
    await expect(history.locator(`a[href="/chat/${chatId}"]`)).toBeVisible();
  });

  test("the stop button ends the stream and the partial reply is kept", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("chat-input").fill("Write a long explanation of retries, timeouts, fallbacks and circuit breakers for LLM calls.");
    await page.getByTestId("send-button").click();

    const card = page.getByTestId("reply-card").last();
    await expect(card).toHaveAttribute("data-state", "streaming");
    await page.getByTestId("stop-button").click();
    await expect(page.getByTestId("send-button")).toBeVisible();
    await expect(page.getByTestId("stop-button")).toHaveCount(0);

    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await page.reload();
    const restored = page.getByTestId("reply-card").last();
    await expect(restored).toHaveAttribute("data-state", "stopped");
  });

  test("another visitor's chat URL answers 404", async ({ page, browser }) => {
    await page.goto("/");
    await page.getByTestId("chat-input").fill("A private note about my budget.");
    await page.getByTestId("send-button").click();
    await expect(page.getByTestId("reply-card").last()).toHaveAttribute("data-state", "done");
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    const url = page.url();

    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const response = await strangerPage.goto(url);
    expect(response?.status()).toBe(404);
    await stranger.close();
  });
});
