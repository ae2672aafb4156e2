import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

test("the first Tab offers a skip link that takes the keyboard past the navigation to the page", async ({ page }) => {
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.goto("/dashboard");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();
  // The next Tab lands in the page, not in the navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});
