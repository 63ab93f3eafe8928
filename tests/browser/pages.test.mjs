// Every main page, as axe-core and a phone see it: no serious or critical accessibility
// violation, and nothing wider than a 390-pixel screen.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { desk, launchBrowser, loginWithForm, seriousViolations, startServer, withPage } from "./harness.mjs";

// axe-core is injected as an inline script, which the pages' Content-Security-Policy rightly
// refuses: only these tests run with it lifted (every other test runs under it).
const AXE = { bypassCSP: true };

let browser;
let server;
let pages;
before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  const { reviewer, editor, article } = await desk(server);
  const [first, second] = article.statements;
  await reviewer.call("POST", `/api/v1/statements/${first.id}/verdict`, {
    verdict: "verified", note: "Confirmé par l'agence TASS.", sources: [{ url: "https://tass.ru/politika/1" }],
  });
  await editor.call("POST", `/api/v1/statements/${second.id}/assignment`, { reviewer: "remi" });
  pages = {
    articles: "/articles",
    review: `/articles/${article.id}`,
    queue: "/queue",
    statement: `/statements/${first.id}`,
    report: `/api/v1/articles/${article.id}/report?format=html`,
    activity: `/articles/${article.id}/activity`,
  };
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test("axe-core finds no serious or critical violation on the login page", async () => {
  await withPage(browser, "axe-login", async (page) => {
    await page.goto(`${server.address}/login`);
    assert.deepEqual(await seriousViolations(page), []);
  }, AXE);
});

test("axe-core finds no serious or critical violation on the articles, review, queue, statement, report and activity pages", async () => {
  await withPage(browser, "axe-pages", async (page) => {
    await loginWithForm(page, server.address, "edith", "edith-secret-pass");
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${server.address}${path}`);
      assert.deepEqual(await seriousViolations(page), [], name);
    }
  }, AXE);
});

test("at 390 px no page scrolls sideways", async () => {
  await withPage(browser, "phone-width", async (page) => {
    await page.goto(`${server.address}/login`);
    const widths = async () => page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    let [scroll, inner] = await widths();
    assert.ok(scroll <= inner, `login: ${scroll} > ${inner}`);
    await loginWithForm(page, server.address, "edith", "edith-secret-pass");
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${server.address}${path}`);
      [scroll, inner] = await widths();
      assert.ok(scroll <= inner, `${name}: the page is ${scroll} px wide on a ${inner} px screen`);
    }
  }, { viewport: { width: 390, height: 844 } });
});

test("at 200 % zoom (a 640 x 400 px viewport) no page scrolls sideways", async () => {
  await withPage(browser, "zoom-200", async (page) => {
    await loginWithForm(page, server.address, "edith", "edith-secret-pass");
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${server.address}${path}`);
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= inner, `${name}: the page is ${scroll} px wide on a ${inner} px screen`);
    }
  }, { viewport: { width: 640, height: 400 } });
});
