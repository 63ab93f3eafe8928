// The review screen as a person uses it, in headless Chromium: keyboard review, a conflict and
// an expired session that keep the draft, bulk approval, export, and a very long article.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { desk, eventually, launchBrowser, loginWithForm, startServer, withPage } from "./harness.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function statement(session, id) {
  return (await session.call("GET", `/api/v1/statements/${id}`)).body;
}

test("keyboard only: j v j d records one verified and one disputed statement", async () => {
  const server = await startServer();
  try {
    const { reviewer, article } = await desk(server);
    const ids = article.statements.map((s) => s.id);
    await withPage(browser, "keyboard", async (page) => {
      await loginWithForm(page, server.address, "remi", "remi-secret-pass", `/articles/${article.id}`);
      // The panel opens on the first statement that needs work.
      assert.equal(await page.getAttribute("#verdict-panel", "data-statement-id"), ids[0]);
      await page.keyboard.press("j");
      await page.keyboard.press("v");
      await page.waitForSelector("#saved:has-text('Saved')");
      await page.keyboard.press("j");
      await page.keyboard.press("d");
      await eventually(async () => (await statement(reviewer, ids[2])).verdict === "disputed", 5000, "disputed saved");
      assert.equal((await statement(reviewer, ids[1])).verdict, "verified");
      assert.equal((await statement(reviewer, ids[0])).verdict, "unreviewed");
      // The page shows it without a reload: card, highlight and counts.
      assert.equal(await page.getAttribute(`#statement-${ids[2]}`, "data-verdict"), "disputed");
      assert.equal(await page.getAttribute(`mark[data-statement-id="${ids[1]}"]`, "data-verdict"), "verified");
      assert.equal(await page.textContent('[data-count="verified"]'), "1");
      assert.equal(await page.textContent('[data-count="disputed"]'), "1");
      // Focus stays on the saved statement's card, so the next j continues from there.
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.statementId), ids[2]);
    });
  } finally {
    server.stop();
  }
});

test("a stale write answers 409 with the typed note still in the page, beside their version", async () => {
  const server = await startServer();
  try {
    const { editor, article } = await desk(server);
    const sid = article.statements[0].id;
    await withPage(browser, "conflict", async (page) => {
      await loginWithForm(page, server.address, "remi", "remi-secret-pass", `/articles/${article.id}`);
      await page.fill("#note", "Mon brouillon : confirmé par TASS");
      // Meanwhile a colleague records a verdict on the same statement.
      const theirs = await editor.call("POST", `/api/v1/statements/${sid}/verdict`, { verdict: "disputed", note: "Source unique" });
      assert.equal(theirs.status, 200);
      await page.click("#verdict-form input[value=verified]");
      await page.click("#verdict-form button[type=submit]");
      await page.waitForSelector("#conflict:not([hidden])");
      assert.equal(await page.inputValue("#note"), "Mon brouillon : confirmé par TASS");
      assert.match(await page.textContent("#conflict"), /Source unique/);
      // Saving again puts the reviewer's verdict in place, on top of the colleague's version.
      await page.click("#verdict-form button[type=submit]");
      await page.waitForSelector("#saved:has-text('Saved')");
      const now = await statement(editor, sid);
      assert.equal(now.verdict, "verified");
      assert.equal(now.note, "Mon brouillon : confirmé par TASS");
    });
  } finally {
    server.stop();
  }
});

test("after an expired session the draft survives the login, which lands on the article", async () => {
  const server = await startServer();
  try {
    const { editor, article } = await desk(server);
    const sid = article.statements[0].id;
    await withPage(browser, "expired-session", async (page, context) => {
      await loginWithForm(page, server.address, "remi", "remi-secret-pass", `/articles/${article.id}`);
      await page.fill("#note", "Note tapée avant la fin de session");
      await page.click("#verdict-form input[value=needs_source]");
      await context.clearCookies();
      await Promise.all([page.waitForURL(/\/login\?next=/), page.click("#verdict-form button[type=submit]")]);
      await page.fill('input[name="username"]', "remi");
      await page.fill('input[name="password"]', "remi-secret-pass");
      await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
      assert.match(page.url(), new RegExp(`/articles/${article.id}\\?selected=${sid}`));
      await page.waitForSelector("#draft-restored:not([hidden])");
      assert.equal(await page.inputValue("#note"), "Note tapée avant la fin de session");
      assert.equal(await page.isChecked("#verdict-form input[value=needs_source]"), true);
      await page.click("#verdict-form button[type=submit]");
      await page.waitForSelector("#saved:has-text('Saved')");
      assert.equal((await statement(editor, sid)).verdict, "needs_source");
    });
  } finally {
    server.stop();
  }
});

test("an editor approves several pending verdicts in one action, then exports the report", async () => {
  const server = await startServer();
  try {
    const { reviewer, article } = await desk(server);
    const ids = article.statements.slice(0, 3).map((s) => s.id);
    for (const id of ids) {
      assert.equal((await reviewer.call("POST", `/api/v1/statements/${id}/verdict`, { verdict: "verified" })).status, 200);
    }
    await withPage(browser, "bulk", async (page) => {
      await loginWithForm(page, server.address, "edith", "edith-secret-pass", `/articles/${article.id}`);
      await page.click("#select-pending");
      await Promise.all([page.waitForNavigation(), page.click('#bulk button[value="approve"]')]);
      for (const id of ids) assert.equal((await statement(reviewer, id)).approval, "approved");
      assert.equal(await page.textContent('[data-count="final"]'), "3");
      await page.click("details.actions summary");
      await Promise.all([page.waitForNavigation(), page.click('a:has-text("HTML")')]);
      assert.match(await page.textContent("h1"), /Bachar al-Assad est à Moscou/);
    });
  } finally {
    server.stop();
  }
});

test("the review page of a 2,500-statement article is light and answers within 3 s", async () => {
  const server = await startServer();
  try {
    // A long live blog of short dated facts, one statement each.
    const lines = [];
    for (let i = 1; i <= 2500; i++) lines.push(`Le bilan est passé à ${i + 40} morts à ${i % 24}h, selon la protection civile.`);
    const { article } = await desk(server, lines.join("\n"));
    assert.ok(article.statements.length >= 2500, `${article.statements.length} statements`);
    await withPage(browser, "long-article", async (page) => {
      await loginWithForm(page, server.address, "remi", "remi-secret-pass", "/articles");
      const started = Date.now();
      const response = await page.goto(`${server.address}/articles/${article.id}`, { waitUntil: "load" });
      const loaded = Date.now() - started;
      const html = await response.text();
      console.log(`long article: ${article.statements.length} statements, HTML ${(html.length / 1e6).toFixed(2)} MB, load ${loaded} ms`);
      assert.ok(html.length <= 2_000_000, `HTML ${html.length} bytes`);
      assert.ok(loaded <= 3000, `load took ${loaded} ms`);
      // It answers a key at once.
      const t0 = Date.now();
      await page.keyboard.press("j");
      await page.waitForFunction(() => document.querySelector("#panel-index")?.textContent === "2");
      assert.ok(Date.now() - t0 < 1000, "j answered within a second");
    });
  } finally {
    server.stop();
  }
});
