// Working together: two people with one article open see each other's verdicts without a
// reload, on two instances over one PostgreSQL database and on one SQLite instance.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desk, launchBrowser, loginWithForm, startServer, withPage } from "./harness.mjs";

const POSTGRES = process.env.CLAIMDESK_TEST_POSTGRES || "postgres://postgres@127.0.0.1:5432";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Two people on `servers[0]` and `servers[1]` (maybe the same): Rémi records, Edith watches. */
async function watchEachOther(servers, name) {
  const { article } = await desk(servers[0]);
  const first = article.statements[0].id;
  await withPage(browser, `${name}-edith`, async (edithPage) => {
    await loginWithForm(edithPage, servers[1].address, "edith", "edith-secret-pass", `/articles/${article.id}`);
    await withPage(browser, `${name}-remi`, async (remiPage) => {
      await loginWithForm(remiPage, servers[0].address, "remi", "remi-secret-pass", `/articles/${article.id}`);
      // Each sees the other is there.
      await edithPage.waitForSelector("#presence:has-text('Rémi Vérificateur')", { timeout: 5000 });
      await remiPage.waitForSelector("#presence:has-text('Edith Éditrice')", { timeout: 5000 });
      assert.equal(await remiPage.getAttribute("#verdict-panel", "data-statement-id"), first);
      await remiPage.keyboard.press("v");
      await remiPage.waitForSelector("#saved:has-text('Saved')");
      const started = Date.now();
      // Edith's page, on the other instance, shows it without a reload: card, highlight, counts.
      await edithPage.waitForSelector(`#statement-${first}[data-verdict="verified"]`, { timeout: 2000 });
      const took = Date.now() - started;
      assert.ok(took < 2000, `shown after ${took} ms`);
      console.log(`# ${name}: shown on the other page ${took} ms after the save`);
      assert.equal(await edithPage.getAttribute(`mark[data-statement-id="${first}"]`, "data-verdict"), "verified");
      assert.equal(await edithPage.textContent('[data-count="verified"]'), "1");
      assert.match(await edithPage.textContent(`#statement-${first} [data-role="changed"]`), /changed by Rémi Vérificateur/);
    });
    // Rémi closed the article: Edith's page stops listing him (the server notices within seconds).
    await edithPage.waitForSelector("#presence", { state: "hidden", timeout: 15000 });
  });
}

test("two browsers on two instances over one PostgreSQL see each other's verdicts live", async () => {
  const name = `claimdesk_browser_${process.pid}_${Date.now()}`;
  const admin = `${POSTGRES}/postgres?sslmode=disable`;
  execFileSync("psql", ["-q", admin, "-c", `CREATE DATABASE ${name}`]);
  const url = `${POSTGRES}/${name}?sslmode=disable`;
  const env = { CLAIMDESK_AUDIT_KEY_FILE: join(mkdtempSync(join(tmpdir(), "claimdesk-keys-")), "audit.keys") };
  const one = await startServer(url, env);
  const two = await startServer(url, env);
  try {
    assert.ok(one.adminPassword, "the first instance created the admin");
    await watchEachOther([one, { ...two, adminPassword: one.adminPassword }], "postgres");
  } finally {
    one.stop();
    two.stop();
    await new Promise((r) => setTimeout(r, 500));
    execFileSync("psql", ["-q", admin, "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
});

test("two browsers on one SQLite instance see each other's verdicts live", async () => {
  const server = await startServer();
  try {
    await watchEachOther([server, server], "sqlite");
  } finally {
    server.stop();
  }
});
