// The proof desk in a real browser (Debian's Chromium, headless, driven by playwright-core):
// serves a copy of the jingzhou example with one article made too long, loads the desk, waits
// for every page image, and checks from the DOM that every article of the plan is listed, that
// the overset one is flagged, that a click on its row outlines its frames on the page, and that
// saving an article brings a new build into the open page. Run by .ci/run:
//
//   node tests/browser/desk.mjs BAOBAN_BINARY [SCREENSHOT.png]
//
// Exits 1 with what failed; writes the screenshot of the desk when a path is given.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const [binary, screenshot] = process.argv.slice(2);
if (!binary) {
  console.error("usage: node tests/browser/desk.mjs BAOBAN_BINARY [SCREENSHOT.png]");
  process.exit(2);
}

function fail(message) {
  console.error("desk browser test: " + message);
  process.exit(1);
}

// The example, copied into target/ (inside the served folder), its template named from there,
// and 驻马 (zhuma) three times as long: more than its block and the foot below it can take.
function scratchExample() {
  const from = path.join(repo, "examples/jingzhou");
  const dir = path.join(repo, "target/desk-browser/jingzhou");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(from).filter((f) => /\.(toml|txt)$/.test(f))) {
    fs.copyFileSync(path.join(from, f), path.join(dir, f));
  }
  const plan = path.join(dir, "page.toml");
  const template = path.join(repo, "layouts/tabloid-6col.toml");
  fs.writeFileSync(plan, fs.readFileSync(plan, "utf8").replace('"../../layouts/tabloid-6col.toml"', JSON.stringify(template)));
  const zhuma = path.join(dir, "zhuma.txt");
  const text = fs.readFileSync(zhuma, "utf8");
  const [head, ...body] = text.split("\n\n");
  fs.writeFileSync(zhuma, [head, ...body, ...body, ...body].join("\n\n"));
  return dir;
}

// The article ids of a plan, in order (the [[article]] tables' `id`).
function articleIds(plan) {
  const ids = [];
  let inArticle = false;
  for (const line of fs.readFileSync(plan, "utf8").split("\n")) {
    if (/^\[\[/.test(line)) inArticle = line.trim() === "[[article]]";
    const m = inArticle && line.match(/^id = "(.*)"/);
    if (m) ids.push(m[1]);
  }
  return ids;
}

// Starts `baoban serve` on a free port; resolves with its address and the process.
function serve(plan) {
  const server = spawn(binary, ["serve", plan, "--port", "0", "--root", repo], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once("line", (line) => {
      const m = line.match(/http:\/\/[^/ ]+\//);
      m ? resolve({ url: m[0], server }) : reject(new Error("no address in: " + line));
    });
    server.once("exit", (code) => reject(new Error("serve exited with " + code)));
  });
}

const dir = scratchExample();
const plan = path.join(dir, "page.toml");
const ids = articleIds(plan);
if (ids.length < 5) fail("the example's plan lists only " + ids.length + " articles");
const { url, server } = await serve(plan);
const watchdog = setTimeout(() => { server.kill(); fail("timed out after 90 s"); }, 90_000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // The flags this machine's closed network needs (no background connections to Google).
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 980 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });

  const images = await page.$$eval("#pages img", (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
  if (!images.length || images.includes(false)) fail("page images did not load: " + JSON.stringify(images));
  const rows = await page.$$eval("tr.article", (trs) => trs.map((tr) => ({ id: tr.dataset.article, status: tr.dataset.status, red: getComputedStyle(tr.cells[1]).color })));
  const listed = rows.map((r) => r.id);
  if (JSON.stringify(listed) !== JSON.stringify(ids)) fail("the desk lists " + JSON.stringify(listed) + ", the plan has " + JSON.stringify(ids));
  const zhuma = rows.find((r) => r.id === "zhuma");
  if (zhuma.status !== "overset") fail("zhuma, three times its length, is not flagged overset: " + JSON.stringify(rows));
  if (zhuma.red !== "rgb(204, 0, 0)") fail("the overset row is not in red: " + zhuma.red);
  const cut = await page.$eval("tr[data-article='zhuma']", (tr) => tr.textContent);
  if (!/cut \d+/.test(cut)) fail("the overset row does not say how much to cut: " + cut);

  // A click on the row outlines the article's frames on the page.
  await page.click("tr[data-article='zhuma']");
  const outlined = await page.$$eval(".region.on", (os) => os.map((o) => [o.dataset.owner, o.getBoundingClientRect().width]));
  if (!outlined.length || outlined.some(([owner, w]) => owner !== "zhuma" || w < 20)) fail("the click outlined " + JSON.stringify(outlined));

  if (screenshot) await page.screenshot({ path: screenshot });

  // Saving an article rebuilds, and the open page shows the new build by itself.
  const saved = Date.now();
  fs.writeFileSync(path.join(dir, "changwu.txt"), fs.readFileSync(path.join(dir, "changwu.txt"), "utf8") + "\n补充一段文字。\n");
  await page.waitForSelector("body[data-ready='2']", { timeout: 10_000 });
  const refreshed = Date.now() - saved;

  // A save that breaks the plan: its diagnostic, with file, line and column, over the last
  // good pages.
  const planText = fs.readFileSync(plan, "utf8");
  fs.writeFileSync(plan, planText.replace("cols = [5, 6], top = 1", "cols = [6, 5], top = 1"));
  await page.waitForSelector("body[data-ready='3']", { timeout: 10_000 });
  const problem = await page.$eval("#problems", (p) => p.textContent);
  if (!/page\.toml:\d+:\d+: error: .*runs backwards/.test(problem)) fail("the broken plan shows: " + problem);
  if (!(await page.$(".stale"))) fail("the page does not say its pages are from the build before");
  if (errors.length) fail("script errors on the page: " + errors.join("; "));
  console.log(`desk browser test: ${ids.length} articles listed, zhuma flagged overset (${cut.trim().replace(/\s+/g, " ")}), ` +
    `frames outlined on click, the open page showed the next build ${refreshed} ms after a save (images loaded), a broken save's diagnostic shown`);
} finally {
  clearTimeout(watchdog);
  await browser.close();
  server.kill();
}
