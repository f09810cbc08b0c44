// Drives Orbweaver's MCP server with the official MCP TypeScript SDK client, as Claude Desktop,
// Cursor or an agent would: over Streamable HTTP (POST /mcp with the API key) and over stdio through
// the gateway's McpStdioBridge. McpIT runs it against a platform started by ./orbweaver up.
//
//   ORBWEAVER_MCP_URL=http://127.0.0.1:18080/mcp ORBWEAVER_API_KEY=ow_live_… FIXTURE_ORIGIN=http://127.0.0.21:1234 \
//     node mcp-check.mjs tools
//
// Checks: "tools" lists the tools and calls each one; "quota" (ORBWEAVER_TINY_KEY: an account allowed
// one backlinks call) spends the quota and sees the refusal; "auth" is refused without a key;
// "stdio" (LAUNCHER: the ./orbweaver script) lists and calls through `./orbweaver mcp URL`. Prints "ok <check>" lines;
// the first failure prints what the client saw and exits 1.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import assert from "node:assert/strict";

const url = required("ORBWEAVER_MCP_URL");
const TOOLS = ["backlinks", "changes", "crawl", "gap_analysis", "gap_outreach_targets", "map", "releases", "scrape"];
// The sample releases ./orbweaver up generates put these platforms at the top of every release.
const TARGET = "google.com";
const COMPETITORS = ["facebook.com", "youtube.com"];

async function connect(key) {
  const client = new Client({ name: "orbweaver-mcp-check", version: "1.0.0" });
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 180_000 });
  const text = result.content.map((c) => c.text).join("\n");
  return { error: result.isError === true, text };
}

async function succeeds(client, name, args, pattern) {
  const { error, text } = await call(client, name, args);
  assert.equal(error, false, `${name} answered an error: ${text}`);
  assert.match(text, pattern, `${name} answered: ${text}`);
  ok(`tool ${name}`);
  return text;
}

const checks = {
  async tools() {
    const client = await connect(required("ORBWEAVER_API_KEY"));
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), TOOLS);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, "object", `${tool.name} has an input schema`);
      assert.ok(tool.description.length > 40, `${tool.name} says what it does`);
    }
    const gap = tools.find((t) => t.name === "gap_analysis").inputSchema;
    assert.equal(gap.properties.competitor_domains.maxItems, 5);
    ok("list");

    const site = required("FIXTURE_ORIGIN");
    await succeeds(client, "releases", {}, /^\d+ releases, newest first\nid\tlabel\tavailable\nCC-SAMPLE-2026-04\t/);
    await succeeds(client, "backlinks", { domain: TARGET, limit: 3 },
      /^backlinks of google\.com in CC-SAMPLE-2026-04 \(Apr 2026 \(sample\)\): \d+ linking domains, 3 listed by authority\nlinking_domain\tcg_authority\tcg_rank\tnum_hosts\n([^\t\n]+\t\d+\t\d+\t\d+\n){3}$/);
    await succeeds(client, "changes", { domain: TARGET, limit: 2 },
      /^changes of google\.com from CC-SAMPLE-2026-01 .* to CC-SAMPLE-2026-04 .*: \d+ -> \d+ linking domains, \d+ added, \d+ lost\n/);
    await succeeds(client, "gap_analysis", { my_domain: TARGET, competitor_domains: COMPETITORS, limit: 5 },
      /^gap analysis gap_\w+: \d+ domains link to facebook\.com, youtube\.com but not to google\.com \(release CC-SAMPLE-2026-04\); 5 listed by authority\nlinking_domain\tfound_on\n/);
    await succeeds(client, "gap_outreach_targets", { my_domain: TARGET, competitor_domains: COMPETITORS, limit: 5 },
      /^outreach targets for google\.com against facebook\.com, youtube\.com \(release CC-SAMPLE-2026-04, linking to at least 2 of them, deny list v1\): \d+ targets/);
    await succeeds(client, "scrape", { url: `${site}/p/0`, include_links: true },
      /^# Page 0\nurl: .*\/p\/0 · status 200 · \d+ characters of Markdown\n\n# Page 0\n\nPage 0\.[\s\S]*\nlinks \(\d+\):\n/);
    await succeeds(client, "map", { url: `${site}/`, limit: 50 }, /^\d+ URLs on .*\nurl\ttitle\n[\s\S]*\/p\/1\t/);
    const started = await succeeds(client, "crawl", { url: `${site}/`, limit: 3, wait_seconds: 50 },
      /^crawl [0-9a-f-]{36}: completed, 3 of \d+ pages crawled\n/);
    const id = started.match(/^crawl ([0-9a-f-]{36})/)[1];
    await succeeds(client, "crawl", { id, max_chars_per_page: 0 }, new RegExp(`^crawl ${id}: completed, 3 of \\d+ pages crawled\\n`));

    const refused = await call(client, "gap_analysis", { my_domain: TARGET, competitor_domains: ["a.com", "b.com", "c.com", "d.com", "e.com", "f.com"] });
    assert.equal(refused.error, true);
    assert.match(refused.text, /^validation_error \(HTTP 400\): /);
    ok("tool errors");
    await client.close();
  },

  async quota() {
    const client = await connect(required("ORBWEAVER_TINY_KEY"));
    await succeeds(client, "backlinks", { domain: TARGET, limit: 1 }, /^backlinks of google\.com/);
    const spent = await call(client, "backlinks", { domain: TARGET, limit: 1 });
    assert.equal(spent.error, true, `a second call answered: ${spent.text}`);
    assert.match(spent.text, /^quota_exceeded \(HTTP 429\): Monthly quota hit; check Retry-After\. Retry after \d+ s\. \[request req_\w+\]$/);
    // Releases are not counted: the spent backlinks quota does not stop them.
    await succeeds(client, "releases", {}, /^\d+ releases, newest first\n/);
    ok("quota");
    await client.close();
  },

  async auth() {
    await assert.rejects(connect(null), (e) => /401|auth_missing/.test(String(e)), "no key");
    await assert.rejects(connect("ow_live_not_a_key"), (e) => /401|auth_invalid/.test(String(e)), "a wrong key");
    ok("auth");
  },

  async stdio() {
    const client = new Client({ name: "orbweaver-mcp-check-stdio", version: "1.0.0" });
    await client.connect(new StdioClientTransport({
      command: required("LAUNCHER"),
      args: ["mcp", url],
      env: {
        ORBWEAVER_API_KEY: required("ORBWEAVER_API_KEY"),
        PATH: process.env.PATH,
        JAVA_HOME: process.env.JAVA_HOME ?? "",
        HOME: process.env.HOME ?? "",
      },
      stderr: "inherit",
    }));
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), TOOLS);
    await succeeds(client, "releases", {}, /^\d+ releases, newest first\nid\tlabel\tavailable\nCC-SAMPLE-2026-04\t/);
    await succeeds(client, "backlinks", { domain: TARGET, limit: 2 }, /^backlinks of google\.com .* 2 listed by authority\n/);
    ok("stdio");
    await client.close();
  },
};

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

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(checks)) {
  try {
    await checks[name]();
  } catch (e) {
    console.error(`FAILED ${name}:`, e);
    process.exit(1);
  }
}
