import { expect, type Locator, type Page } from "@playwright/test";

/*
 * The e2e admin, shared by the admin specs: ADMIN_EMAILS (playwright.config.ts)
 * makes this address an admin when it signs up, and whichever spec runs first
 * on the shared server signs it up.
 */
export const ADMIN = { name: "Ada Admin", email: "admin@ballast.test", password: "admin password e2e" };

/**
 * Submits the sign-in or sign-up form until `done` shows. better-auth allows 3
 * sign-in or sign-up attempts per 10 s from one address, and the specs sign in
 * often from 127.0.0.1: a "Too many attempts" answer is waited out, not a failure.
 */
export async function submitAuthForm(page: Page, done: Locator): Promise<void> {
  const limited = page.getByTestId("auth-error").filter({ hasText: "Too many attempts" });
  for (let tries = 1; ; tries++) {
    await page.getByTestId("auth-submit").click();
    await expect(done.or(limited)).toBeVisible();
    if (!(await limited.isVisible()) || tries === 3) break;
    await page.waitForTimeout(10_500);
  }
  await expect(done).toBeVisible();
}

/** Signs up as the admin, or signs in when another test already did. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/sign-up");
  await page.getByTestId("auth-name").fill(ADMIN.name);
  await page.getByTestId("auth-email").fill(ADMIN.email);
  await page.getByTestId("auth-password").fill(ADMIN.password);
  await page.getByTestId("auth-confirm").fill(ADMIN.password);
  const admin = page.locator('[data-testid="user-menu"][data-tier="admin"]');
  const taken = page.getByTestId("auth-error").filter({ hasText: "already exists" });
  await submitAuthForm(page, admin.or(taken));
  if (await taken.isVisible()) {
    await page.goto("/sign-in");
    await page.getByTestId("auth-email").fill(ADMIN.email);
    await page.getByTestId("auth-password").fill(ADMIN.password);
    await submitAuthForm(page, admin);
  }
}
