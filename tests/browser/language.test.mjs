// The interface in French for a French browser: the login page and the review page, with the
// article text keeping its own language, and a verdict saved with French messages.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, desk, launchBrowser, startServer, withPage } from "./harness.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("a French browser gets the login and review pages in French", async () => {
  const server = await startServer();
  try {
    const { article } = await desk(server);
    await withPage(browser, "french", async (page) => {
      await page.goto(`${server.address}/login?next=${encodeURIComponent(`/articles/${article.id}`)}`);
      assert.equal(await page.getAttribute("html", "lang"), "fr");
      assert.equal(await page.textContent("h1"), "Connexion");
      await page.fill('input[name="username"]', "remi");
      await page.fill('input[name="password"]', "remi-secret-pass");
      await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
      assert.equal(await page.getAttribute("html", "lang"), "fr");
      assert.equal(await page.getAttribute("#article-body", "lang"), "fr");
      assert.match(await page.textContent("#verdict-form button[type=submit]"), /Enregistrer le verdict/);
      await page.keyboard.press("v");
      await page.waitForSelector("#saved:has-text('Enregistré : vérifié')");
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "review-fr.png") });
      // The switch in the header turns the interface to English and remembers it.
      await Promise.all([page.waitForNavigation(), page.click("form.language button")]);
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.match(await page.textContent("#verdict-form button[type=submit]"), /Save verdict/);
    }, { locale: "fr-FR" });
  } finally {
    server.stop();
  }
});
