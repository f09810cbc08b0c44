// The JavaScript half of bench/extract: turndown and node-html-markdown over the same corpus as the
// Java converters, warm-up passes first, then measured passes. Prints tab-separated rows:
// name, MB/s of input HTML, pages/s.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import TurndownService from 'turndown';
import { NodeHtmlMarkdown } from 'node-html-markdown';

const [dir, warmups, passes] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = files.map((f) => readFileSync(join(dir, f), 'utf8'));
const bytes = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const version = (name) => createRequire(import.meta.url)(`${name}/package.json`).version;

// Passes stop early past this, so that the slow converters do not take the whole run.
const BUDGET_SECONDS = 20;
const since = (start) => Number(process.hrtime.bigint() - start) / 1e9;

function run(name, convert) {
  let sink = 0;
  const warmStart = process.hrtime.bigint();
  for (let i = 0; i < Number(warmups) && since(warmStart) < BUDGET_SECONDS; i++) {
    for (const page of pages) sink += convert(page).length;
  }
  const start = process.hrtime.bigint();
  let done = 0;
  while (done < Number(passes) && (done === 0 || since(start) < BUDGET_SECONDS)) {
    for (const page of pages) sink += convert(page).length;
    done++;
  }
  const seconds = since(start);
  const mbps = (bytes * done) / 1e6 / seconds;
  const pps = (pages.length * done) / seconds;
  console.log(`${name}\t${mbps.toFixed(1)}\t${pps.toFixed(0)}\t${sink % 10}`);
}

const turndown = new TurndownService();
run(`turndown ${version('turndown')}`, (html) => turndown.turndown(html));
const nhm = new NodeHtmlMarkdown();
run(`node-html-markdown ${version('node-html-markdown')}`, (html) => nhm.translate(html));
