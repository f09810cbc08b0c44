// Drives the web console in headless Chromium (Debian's chromium through playwright-core); run by
// ConsoleIT. Prints "ok <step>" per passed step and saves a screenshot of every page.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";

const BASE = process.env.CONSOLE_BASE_URL;
const KEY = process.env.ORBWEAVER_API_KEY;
const ADMIN_TOKEN = process.env.ORBWEAVER_ADMIN_TOKEN;
const FIXTURE = process.env.FIXTURE_ORIGIN;
const SHOTS = process.env.SCREENSHOTS;
const DOMAIN = "google.com";
const COMPETITORS = "facebook.com, youtube.com";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({
  baseURL: BASE,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
});
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
const page = await context.newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
// Refusals the steps expect (401 at sign-in, 404 for another tenant's crawl) log "Failed to load
// resource"; anything else on the console (a CSP violation, a script error) is a problem.
page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(`console error: ${m.text()}`));
page.on("response", (r) => r.url().includes("/console/assets/") && r.status() !== 200 && problems.push(`asset ${r.url()}: ${r.status()}`));

const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
// Long result pages: the window's worth from the top of one element down.
const shotAt = async (name, selector) => {
  await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), selector);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const ok = (step) => console.log(`ok ${step}`);

try {
  // Sign in: a wrong key is refused on the page, the right one lands on the keys page.
  await page.goto("/console");
  assert.match(page.url(), /\/console\/sign-in$/);
  await page.fill("#key", "ow_live_not-a-key");
  await page.click("#sign-in button[type=submit]");
  await page.waitForSelector("#sign-in .error");
  assert.match(await page.textContent("#sign-in .error"), /unknown, revoked/);
  await shot("01-sign-in");
  ok("sign-in refuses a wrong key");
  await page.fill("#key", KEY);
  await page.click("#sign-in button[type=submit]");
  await page.waitForURL(/\/console\/keys$/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "ow_console");
  assert.ok(session && session.httpOnly && session.sameSite === "Strict", JSON.stringify(cookies));
  assert.ok(!session.value.includes(KEY));
  ok("signed in");

  // A new key is shown once, copied with the button, and gone after a reload.
  await page.fill("#label", "browser-test");
  await page.click("#create-key button[type=submit]");
  await page.waitForSelector("#new-key-value");
  const created = (await page.textContent("#new-key-value")).trim();
  assert.match(created, /^ow_live_/);
  await page.click("#new-key button[data-copy]");
  await page.waitForFunction(() => document.querySelector("#new-key button").textContent === "Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), created);
  await shot("02-keys-created");
  await page.reload();
  await page.waitForSelector("#key-list");
  assert.equal(await page.locator("#new-key-value").count(), 0);
  assert.ok(!(await page.content()).includes(created), "the full key is not on the page again");
  const row = page.locator("#key-list tr", { hasText: "browser-test" });
  const prefix = (await row.locator("code").textContent()).replace("…", "");
  assert.ok(created.startsWith(prefix), `${created} starts with ${prefix}`);
  await shot("03-keys-list");
  ok("key shown once");

  // Revoke it (after confirming); the API refuses it within the gateway's key-cache window.
  page.once("dialog", (d) => d.accept());
  await row.locator("button.danger").click();
  await page.waitForSelector("#keys .notice");
  assert.equal(await page.locator("#key-list tr", { hasText: "browser-test" }).count(), 0, "a revoked key leaves the list");
  let status = 200;
  for (let i = 0; i < 20 && status !== 401; i++) {
    const r = await fetch(`${BASE}/api/v1/usage`, { headers: { Authorization: `Bearer ${created}` } });
    status = r.status;
    if (status !== 401) await new Promise((res) => setTimeout(res, 500));
  }
  assert.equal(status, 401);
  await shot("04-keys-revoked");
  ok("key revoked");

  // Backlinks lookup: results and the authority distribution drawn by Chart.js.
  await page.goto("/console/backlinks");
  await page.fill("#domain", DOMAIN);
  await page.click("#lookup-form button[type=submit]");
  await page.waitForSelector("#authority-chart");
  await page.waitForFunction(() => window.Chart.getChart(document.querySelector("#authority-chart")));
  const authority = await chartState("#authority-chart");
  assert.ok(authority.total > 0 && authority.painted, JSON.stringify(authority));
  assert.ok((await page.locator("#backlink-list tbody tr").count()) > 0);
  await shotAt("05-backlinks-lookup", "#lookup-result");
  ok("backlinks lookup chart");

  // Gap analysis: polled until completed, two charts, and a CSV download of the gaps.
  await page.fill("#my_domain", DOMAIN);
  await page.fill("#competitors", COMPETITORS);
  await page.click("#gap-form button[type=submit]");
  await page.waitForSelector('#gap-job[data-status="completed"]', { timeout: 120_000 });
  await page.waitForFunction(() => window.Chart.getChart(document.querySelector("#gap-overlap-chart")));
  const perCompetitor = await chartState("#gap-competitor-chart");
  const overlap = await chartState("#gap-overlap-chart");
  assert.deepEqual(perCompetitor.labels, ["facebook.com", "youtube.com"]);
  assert.ok(perCompetitor.total > 0 && perCompetitor.painted && overlap.painted, JSON.stringify({ perCompetitor, overlap }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#gap-csv")]);
  assert.match(download.suggestedFilename(), /^gap-.*\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  assert.equal(csv[0], "linking_domain,found_on,competitor_count");
  assert.ok(csv.length > 1, "some gaps");
  assert.match(csv[1], /^[^,]+,(facebook\.com|youtube\.com)(;(facebook\.com|youtube\.com))?,[12]$/);
  await shotAt("06-backlinks-gap", "#gap-job");
  ok("gap analysis charts and csv");

  // A crawl of the fixture site, followed through the SSE stream until it completes.
  await page.goto("/console/crawls");
  await page.fill("#url", `${FIXTURE}/`);
  await page.fill("#max_pages", "30");
  await page.fill("#depth", "3");
  await page.click("#start-crawl button[type=submit]");
  await page.waitForURL(/\/console\/crawls\/\d+$/);
  const crawlId = page.url().split("/").pop();
  assert.ok(await page.locator("[data-crawl-events]").count(), "the run is live when its page opens");
  const seen = await page.evaluateHandle(() => {
    const counts = new Set();
    const field = document.querySelector('[data-field="page_count"]');
    new MutationObserver(() => counts.add(field.textContent)).observe(field, { childList: true, characterData: true, subtree: true });
    return counts;
  });
  await page.waitForFunction(() => Number(document.querySelector('[data-field="page_count"]').textContent) > 0, null, { timeout: 60_000 });
  await shot("07-crawl-running");
  await page.waitForSelector('#crawl[data-finished="completed"]', { timeout: 180_000 });
  assert.equal((await page.textContent('[data-field="status"]')).trim(), "completed");
  const pages = Number(await page.textContent('[data-field="page_count"]'));
  assert.ok(pages >= 20, `pages crawled: ${pages}`);
  assert.ok((await seen.evaluate((s) => s.size)) >= 2, "the count moved while the page was open");
  assert.ok((await page.locator("#pages tbody tr").count()) >= 20);
  assert.match(await page.textContent('[data-field="started"]'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  assert.match(await page.textContent('[data-field="finished"]'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await shot("08-crawl-completed");
  ok("crawl followed live to completed");

  // A page's Markdown, rendered.
  await page.locator("#pages tbody tr a", { hasText: "Markdown" }).first().click();
  await page.waitForSelector("#markdown-preview");
  assert.match(await page.textContent("#markdown-preview h1"), /^(Home|Page \d+)$/);
  assert.match(await page.textContent("#markdown-source"), /^# (Home|Page \d+)$/m);
  await shot("09-markdown");
  ok("markdown preview");

  // Another tenant's crawl is a 404 page, not an error dump.
  const other = await page.goto(`/console/crawls/${process.env.OTHER_TENANTS_CRAWL}`);
  assert.equal(other.status(), 404);
  assert.match(await page.textContent("main"), /no crawl \d+ in your account/);
  await page.goto("/console/crawls");
  await page.waitForSelector(`#crawl-list a[href="/console/crawls/${crawlId}"]`);
  await shot("10-crawls");
  ok("another tenant's crawl is 404");

  // Usage: a bar per quota with its reset date, counting what this run spent.
  await page.goto("/console/usage");
  const bars = await page.locator(".quota meter").count();
  assert.ok(bars >= 5, `quota bars: ${bars}`);
  assert.match(await page.textContent('.quota[data-resource="backlinks"]'), /resets \d{4}-\d{2}-\d{2}/);
  assert.ok(Number(await page.getAttribute('.quota[data-resource="crawl"] meter', "value")) >= 1);
  await shot("11-usage");
  ok("usage bars");

  await page.click(".who button");
  await page.waitForURL(/\/console\/sign-in$/);
  assert.equal((await context.cookies()).filter((c) => c.name === "ow_console" && c.value).length, 0);
  ok("signed out");

  // The operator: accounts, plans, and opening an account.
  await page.click("details.operator summary");
  await page.fill("#token", ADMIN_TOKEN);
  await page.click("#operator-sign-in button[type=submit]");
  await page.waitForURL(/\/console\/admin$/);
  assert.ok((await page.locator("#account-list tbody tr").count()) > 0);
  assert.match(await page.textContent("#plan-list"), /lifetime/);
  await page.fill("#name", "opened-in-the-console");
  await page.selectOption("#plan", "free");
  await page.click("#open-account button[type=submit]");
  await page.waitForSelector("#opened-key");
  assert.match(await page.textContent("#opened-key"), /^ow_live_/);
  assert.match(await page.textContent("#account-list"), /opened-in-the-console/);
  await shot("12-admin");
  ok("admin");

  assert.deepEqual(problems, [], "no script errors on any page");
} catch (e) {
  await shot("failure").catch(() => {});
  console.error(`failed at ${page.url()}: ${e.stack || e}`);
  console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** A chart's labels, the sum of its values, and whether its canvas has any painted pixel. */
async function chartState(selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    const chart = window.Chart.getChart(canvas);
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = false;
    for (let i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) {
        painted = true;
        break;
      }
    }
    return {
      labels: chart.data.labels,
      total: chart.data.datasets[0].data.reduce((a, b) => a + b, 0),
      painted,
    };
  }, selector);
}
