// Test harness for the browser tests: the real claimdesk binary on a fresh SQLite file (port 0),
// its JSON API for set-up, and Debian's headless Chromium driven by playwright-core. Chromium is
// never downloaded: CLAIMDESK_CHROMIUM (default /usr/bin/chromium) must exist, or every test
// fails.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
export const BINARY = process.env.CLAIMDESK_BIN || join(root, "target", "debug", "claimdesk");
export const CHROMIUM = process.env.CLAIMDESK_CHROMIUM || "/usr/bin/chromium";
export const ARTIFACTS = join(root, "target", "browser-artifacts");
export const FRENCH_STORY = readFileSync(join(root, "tests", "fixtures", "assad_moscou.txt"), "utf8");

/** A running server: its address, the first admin's password, and a way to stop it. */
export async function startServer(database, env = {}) {
  if (!existsSync(BINARY)) throw new Error(`no claimdesk binary at ${BINARY}: run cargo build first`);
  const db = database || join(mkdtempSync(join(tmpdir(), "claimdesk-browser-")), "claimdesk.db");
  const child = spawn(BINARY, ["serve", "--bind", "127.0.0.1:0", "--database", db], {
    env: { ...process.env, RUST_LOG: "error", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20000);
    child.stdout.on("data", (chunk) => {
      out += chunk.toString();
      const m = out.match(/serving on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const password = (out.match(/one-time password:\s*\n\s*(\S+)/) || [])[1];
  return { address, adminPassword: password, db, stop: () => child.kill("SIGTERM") };
}

/** An API session (bearer token) of `username`. */
export async function apiLogin(address, username, password) {
  const r = await fetch(`${address}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  const body = await r.json();
  return {
    token: body.token,
    async call(method, path, payload) {
      const res = await fetch(`${address}${path}`, {
        method,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${body.token}` },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** A desk: the admin, an editor and a reviewer (password `NAME-secret-pass`), and an article. */
export async function desk(server, body = FRENCH_STORY) {
  const admin = await apiLogin(server.address, "admin", server.adminPassword);
  for (const [name, role] of [["edith", "editor"], ["remi", "reviewer"]]) {
    const r = await admin.call("POST", "/api/v1/users", {
      username: name, role, password: `${name}-secret-pass`, display_name: name === "edith" ? "Edith Éditrice" : "Rémi Vérificateur",
    });
    if (r.status !== 201) throw new Error(`creating ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const editor = await apiLogin(server.address, "edith", "edith-secret-pass");
  const reviewer = await apiLogin(server.address, "remi", "remi-secret-pass");
  const created = await editor.call("POST", "/api/v1/articles", {
    title: "Bachar al-Assad est à Moscou", body, published_at: "2024-12-09", outlet: "Agence test",
  });
  if (created.status !== 201) throw new Error(`loading the article: ${created.status}`);
  return { admin, editor, reviewer, article: created.body };
}

/** Headless Chromium as the machines allow it (closed network, root). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: scripts/test-browser installs Debian's chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** Logs in through the login form of `page`, then goes to `next`. */
export async function loginWithForm(page, address, username, password, next = "/articles") {
  await page.goto(`${address}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
}

/** Runs `body(page)` in a fresh browser context; on failure keeps a screenshot in ARTIFACTS. */
export async function withPage(browser, name, body, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  try {
    await body(page, context);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    error.message += `\n(screenshot: ${file})`;
    throw error;
  } finally {
    await context.close();
  }
}

/** Polls `check` until it returns a truthy value, or fails after `ms`. */
export async function eventually(check, ms = 5000, what = "condition") {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not met within ${ms} ms (last: ${JSON.stringify(last)})`);
}

/** The serious and critical accessibility violations axe-core finds on the page. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: join(here, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}
