// Claim matching as a reviewer meets it: an English article's statement offers the verdict
// recorded on the French story, the reviewer reuses it with one click; the header's search box
// finds both stories.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, desk, eventually, launchBrowser, loginWithForm, seriousViolations, startServer, withPage } from "./harness.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const ENGLISH = "Ousted Syrian president Bashar al-Assad is in Moscow, Russian news agencies said. "
  + "He flew out after 24 years in power. The central bank raised its key rate to 4.5%.";

test("an English statement offers the French verdict and reuses it in one click", async () => {
  const server = await startServer();
  try {
    const { editor, reviewer, article } = await desk(server);
    const french = article.statements.find((s) => s.text.includes("24 ans de pouvoir"));
    const verdict = await reviewer.call("POST", `/api/v1/statements/${french.id}/verdict`, {
      verdict: "verified", note: "Au pouvoir depuis juillet 2000.",
      sources: [{ url: "https://example.org/bio", title: "Biographie officielle" }],
    });
    assert.equal(verdict.status, 200);
    const loaded = await editor.call("POST", "/api/v1/articles", { title: "Assad in Moscow", body: ENGLISH, language: "en", published_at: "2024-12-10" });
    assert.equal(loaded.status, 201);
    const english = loaded.body.statements.find((s) => s.text.includes("24 years in power"));

    await withPage(browser, "matching", async (page) => {
      await loginWithForm(page, server.address, "remi", "remi-secret-pass", `/articles/${loaded.body.id}`);
      // Selecting the statement loads its matches into the panel.
      await page.click(`#statement-${english.id} .stext`);
      await page.waitForSelector(`#match-list li[data-match-id="${french.id}"]`);
      const item = page.locator(`#match-list li[data-match-id="${french.id}"]`);
      assert.match(await item.textContent(), /Bachar al-Assad est à Moscou/);
      assert.match(await item.textContent(), /Biographie officielle/);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "matching-panel.png"), fullPage: true });
      assert.deepEqual(await seriousViolations(page), []);
      await item.locator("button[data-action=reuse]").click();
      await page.waitForSelector("#saved:has-text('reused')");
      const now = (await reviewer.call("GET", `/api/v1/statements/${english.id}`)).body;
      assert.equal(now.verdict, "verified");
      assert.equal(now.note, "Au pouvoir depuis juillet 2000.");
      assert.equal(await page.getAttribute(`#statement-${english.id}`, "data-verdict"), "verified");
      assert.equal(await page.inputValue("#note"), "Au pouvoir depuis juillet 2000.");

      // The search box in the header finds the statement in both stories.
      await page.fill("header form.search input", "Moscow");
      await Promise.all([page.waitForNavigation(), page.press("header form.search input", "Enter")]);
      await eventually(async () => (await page.locator("ol.hits li").count()) >= 1, 3000, "search hits");
      await page.screenshot({ path: join(ARTIFACTS, "search.png"), fullPage: true });
      assert.match(await page.textContent("ol.hits"), /Assad in Moscow/);
    }, { bypassCSP: true });
  } finally {
    server.stop();
  }
});
