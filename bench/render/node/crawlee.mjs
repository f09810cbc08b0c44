// bench/render's Crawlee side: PlaywrightCrawler (Crawlee's defaults) on Debian's Chromium, rendering
// WARM + COUNT distinct URLs of the bench page with CONCURRENCY pages in flight; prints one JSON
// line in the same shape as Orbweaver's RenderBench.
// Usage: node crawlee.mjs URL_PREFIX COUNT WARM CONCURRENCY EXECUTABLE
import { PlaywrightCrawler, Configuration } from 'crawlee';
import { chromium } from 'playwright-core';

const [prefix, countArg, warmArg, concurrencyArg, executablePath] = process.argv.slice(2);
const count = Number(countArg);
const warm = Number(warmArg);
const concurrency = Number(concurrencyArg);
const done = []; // [finish ms, latency ms]
let failures = 0;

const crawler = new PlaywrightCrawler(
  {
    launchContext: {
      launcher: chromium,
      launchOptions: { executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] },
    },
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestRetries: 0,
    navigationTimeoutSecs: 60,
    requestHandlerTimeoutSecs: 60,
    preNavigationHooks: [
      async ({ request }) => {
        request.userData.started = performance.now();
      },
    ],
    async requestHandler({ page, request }) {
      const html = await page.content();
      const end = performance.now();
      if (!html.includes('data-bench-done')) failures++;
      done.push([end, end - request.userData.started]);
    },
    failedRequestHandler() {
      failures++;
    },
  },
  new Configuration({ persistStorage: false, logLevel: 2 }),
);

const urls = [];
for (let i = 0; i < warm + count; i++) urls.push({ url: prefix + i, uniqueKey: String(i) });
await crawler.run(urls);

done.sort((a, b) => a[0] - b[0]);
const measured = done.slice(warm);
const seconds = (done[done.length - 1][0] - done[warm - 1][0]) / 1000;
const latencies = measured.map((r) => r[1]).sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.max(0, Math.ceil((p / 100) * latencies.length) - 1)]);
console.log(
  JSON.stringify({
    pages: measured.length,
    seconds: Number(seconds.toFixed(2)),
    pages_per_s: Number((measured.length / seconds).toFixed(1)),
    p50_ms: pct(50),
    p99_ms: pct(99),
    failures,
  }),
);
