// Drives Orbweaver through its gateway with the official Firecrawl JS SDK, as a customer would:
// the default (v2) client and its `.v1` client. FirecrawlSdkIT runs it against a platform started by
// ./orbweaver up, a fixture site and a SearXNG stub on loopback.
//
//   ORBWEAVER_API_URL=http://127.0.0.1:18080 ORBWEAVER_API_KEY=ow_live_… FIXTURE_ORIGIN=http://127.0.0.1:1234 \
//     node sdk-check.mjs v2 v1 v1-batch
//
// Prints one "ok <check>" line per passing check; the first failure prints what the SDK saw and exits 1.
import Firecrawl from "@mendable/firecrawl-js";
import assert from "node:assert/strict";

const apiUrl = required("ORBWEAVER_API_URL");
const apiKey = required("ORBWEAVER_API_KEY");
const site = required("FIXTURE_ORIGIN");
const app = new Firecrawl({ apiKey, apiUrl });

const checks = {
  async v2() {
    const doc = await app.scrape(`${site}/news/bridge`, { formats: ["markdown", "links"] });
    assert.match(doc.markdown, /^# Harbour bridge reopens after repairs/);
    assert.equal(doc.metadata.statusCode, 200);
    assert.equal(doc.metadata.sourceURL, `${site}/news/bridge`);
    assert.ok(doc.links.includes(`${site}/privacy`), "links of the page");
    ok("v2 scrape");

    const json = await app.scrape(`${site}/shop/trailrunner`, {
      formats: [{ type: "json", schema: { type: "object", properties: { name: { type: "string" }, price: { type: "number" } } } }],
    });
    assert.deepEqual(json.json, { name: "Trailrunner 3", price: 129 });
    ok("v2 scrape json");

    const map = await app.map(`${site}/`, { limit: 20 });
    const mapped = map.links.map((l) => l.url);
    assert.ok(mapped.includes(`${site}/news/bridge`), `map found ${mapped}`);
    assert.ok(mapped.includes(`${site}/shop/trailrunner`), `map found ${mapped}`);
    assert.ok(!mapped.some((u) => u.includes("utm_")), "tracking parameters stripped");
    ok("v2 map");

    const found = await app.search("bridge", { limit: 2, scrapeOptions: { formats: ["markdown"] } });
    assert.equal(found.web.length, 2);
    assert.equal(found.web[0].url, `${site}/news/bridge`);
    assert.equal(found.web[0].title, "Harbour bridge reopens");
    assert.match(found.web[0].markdown, /^# Harbour bridge reopens after repairs/);
    ok("v2 search");

    const batch = await app.batchScrape([`${site}/a`, `${site}/b`], {
      options: { formats: ["markdown"] },
      pollInterval: 1,
      timeout: 120,
    });
    assert.equal(batch.status, "completed");
    assert.equal(batch.total, 2);
    assert.equal(batch.completed, 2);
    assert.deepEqual(batch.data.map((d) => d.metadata.title), ["Page A", "Page B"]);
    ok("v2 batch scrape");
  },

  async v1() {
    const v1 = app.v1;
    const doc = await v1.scrapeUrl(`${site}/news/bridge`, { formats: ["markdown", "html"] });
    assert.equal(doc.success, true);
    assert.match(doc.markdown, /^# Harbour bridge reopens after repairs/);
    assert.match(doc.html, /<article>/);
    assert.equal(doc.metadata.statusCode, 200);
    ok("v1 scrape");

    // The v1 client reads params.origin, so it needs a params object.
    const map = await v1.mapUrl(`${site}/`, {});
    assert.equal(map.success, true);
    assert.ok(map.links.includes(`${site}/news/bridge`), `map found ${map.links}`);
    ok("v1 map");

    const found = await v1.search("bridge", { limit: 2 });
    assert.equal(found.success, true);
    assert.equal(found.data.length, 2);
    assert.equal(found.data[0].url, `${site}/news/bridge`);
    assert.equal(found.data[0].description, "The harbour bridge reopened after six weeks of repairs.");
    ok("v1 search");
  },

  async "v2-crawl"() {
    const job = await app.crawl(`${site}/`, {
      limit: 4,
      scrapeOptions: { formats: ["markdown"] },
      pollInterval: 1,
      timeout: 120,
    });
    assert.equal(job.status, "completed", JSON.stringify(job));
    assert.equal(job.total, 4);
    assert.equal(job.completed, 4);
    assert.equal(job.data.length, 4);
    const urls = job.data.map((d) => d.metadata.sourceURL);
    assert.ok(urls.includes(`${site}/`), `crawled ${urls}`);
    assert.equal(new Set(urls).size, 4, `each page once: ${urls}`);
    assert.ok(urls.every((u) => u.startsWith(site) && !u.includes("utm_")), `crawled ${urls}`);
    assert.ok(job.data.every((d) => d.markdown.length > 0 && d.metadata.statusCode === 200));
    const errors = await app.getCrawlErrors(job.id);
    assert.ok(Array.isArray(errors.errors) && Array.isArray(errors.robotsBlocked), JSON.stringify(errors));
    ok("v2 crawl");
  },

  async "v1-crawl"() {
    const result = await app.v1.crawlUrl(`${site}/`, { limit: 3, scrapeOptions: { formats: ["markdown"] } }, 1);
    assert.equal(result.success, true, JSON.stringify(result));
    assert.equal(result.status, "completed");
    assert.equal(result.completed, 3);
    assert.equal(result.data.length, 3);
    const urls = result.data.map((d) => d.metadata.sourceURL);
    assert.ok(urls.includes(`${site}/`), `crawled ${urls}`);
    assert.ok(result.data.every((d) => d.markdown.length > 0), "markdown of every page");
    ok("v1 crawl");
  },

  async "v1-batch"() {
    const v1 = app.v1;
    const started = await v1.asyncBatchScrapeUrls([`${site}/a`, `${site}/b`], { formats: ["markdown"] });
    assert.equal(started.success, true, JSON.stringify(started));
    let status;
    for (let i = 0; i < 120; i++) {
      status = await v1.checkBatchScrapeStatus(started.id);
      if (status.status !== "scraping") break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.equal(status.success, true);
    assert.equal(status.status, "completed");
    assert.deepEqual(status.data.map((d) => d.metadata.title), ["Page A", "Page B"]);
    ok("v1 batch scrape");
  },
};

for (const name of process.argv.slice(2)) {
  if (!checks[name]) {
    console.error(`unknown check ${name}; known: ${Object.keys(checks).join(", ")}`);
    process.exit(2);
  }
  try {
    await checks[name]();
  } catch (e) {
    console.error(`FAILED ${name}: ${e.message}`);
    if (e.details || e.response?.data) console.error(JSON.stringify(e.details ?? e.response.data));
    process.exit(1);
  }
}

function ok(check) {
  console.log(`ok ${check}`);
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}
