// Crawlee's CheerioCrawler on the bench farm: concurrency 64, same-host links, HTML kept in the
// dataset (what "stored" means for Crawlee). Usage: node farm.js HOSTS PORT
import { CheerioCrawler, Dataset, Configuration } from 'crawlee';

const hosts = Number(process.argv[2] ?? 20);
const port = Number(process.argv[3] ?? 18800);
const starts = Array.from({ length: hosts }, (_, h) => `http://127.0.0.${h + 2}:${port}/`);

const crawler = new CheerioCrawler(
  {
    maxConcurrency: 64,
    minConcurrency: 64,
    maxRequestsPerCrawl: 1_000_000,
    respectRobotsTxtFile: true,
    async requestHandler({ request, body, enqueueLinks }) {
      await Dataset.pushData({ url: request.loadedUrl, html: body.toString() });
      await enqueueLinks({ strategy: 'same-hostname' });
    },
  },
  new Configuration({ persistStorage: true }),
);
await crawler.run(starts);
const info = await (await Dataset.open()).getInfo();
console.log(`crawlee pages=${info.itemCount}`);
