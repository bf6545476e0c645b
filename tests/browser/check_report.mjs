#!/usr/bin/env node
// Checks goalc's HTML report the way a browser and a validator see it.
//
//   node check_report.mjs [--screenshots DIR | --no-screenshots] [--print] [--expect-text TEXT]... FILE.html...
//
// For each file:
//   1. html-validate with the `html-validate:standard` preset (conformance only): any error fails.
//   2. Headless Chromium (playwright-core, the system's Chromium, never a downloaded one), the
//      page's own Content-Security-Policy enforced: no <script> element, no inline event handler
//      or javascript: URL, no dialog, no page error or console error (a CSP violation is one), no
//      network request but the file itself; a full-page screenshot goes to DIR (default: beside
//      the file) as <name>.png. Each --expect-text must appear in the rendered text, which proves
//      that hostile input was escaped rather than dropped.
//      With --print, also: a full-page screenshot 390 px wide (<name>-390.png; the page must not
//      be wider than the screen), print-to-PDF on A4 and on Letter (<name>-a4.pdf,
//      <name>-letter.pdf) with pages 1 and 2 of the A4 one rendered to PNG by pdftoppm
//      (<name>-a4-1.png, <name>-a4-2.png), and the page counts against the goal cards: at most
//      about one page per three cards
//      (2.5 allowed), plus six for the front matter.
//   3. axe-core injected into a second load that bypasses the CSP (axe is a script), run with the
//      WCAG 2.0/2.1/2.2 A and AA rules plus best practices: any violation fails.
// Exit status: 0 when every check passed, 1 when any failed, 2 on a usage error.

import { readFile, mkdir, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { HtmlValidate } from "html-validate";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axe = require("axe-core");

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const VIEWPORT = { width: 1280, height: 900 };

function usage(message) {
  if (message) console.error(`check_report: ${message}`);
  console.error("usage: node check_report.mjs [--screenshots DIR | --no-screenshots] [--print] [--expect-text TEXT]... FILE.html...");
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      screenshots: { type: "string" },
      "no-screenshots": { type: "boolean" },
      "expect-text": { type: "string", multiple: true, default: [] },
      print: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (e) {
  usage(e.message);
}
if (args.values.help) usage();
const files = args.positionals;
if (files.length === 0) usage("no HTML file given");
for (const f of files) if (!existsSync(f)) usage(`no such file: ${f}`);

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  usage(`no Chromium at ${executablePath} (install Debian's chromium, or set CHROMIUM)`);
}

// --- 1. html-validate ---------------------------------------------------------------------------

const validator = new HtmlValidate({ root: true, extends: ["html-validate:standard"] });

async function validateHtml(file) {
  const report = await validator.validateString(await readFile(file, "utf8"), file);
  const problems = [];
  for (const result of report.results) {
    for (const m of result.messages) {
      const where = `${path.basename(file)}:${m.line}:${m.column}`;
      const sel = m.selector ? ` [${m.selector}]` : "";
      const line = `html-validate ${m.ruleId}: ${m.message} (${where})${sel}`;
      // severity 2 is an error; the standard preset has no warnings, but count them as errors
      // too, so that a preset change cannot slip one through unnoticed.
      problems.push(line);
    }
  }
  return problems;
}

// --- 2. and 3. Chromium -------------------------------------------------------------------------

// Opens the file in a fresh context and records everything a report must never do.
async function openPage(browser, fileUrl, { bypassCSP, viewport = VIEWPORT }) {
  const context = await browser.newContext({ bypassCSP, viewport, javaScriptEnabled: true });
  const events = { requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  const self = (url) => url.split("#")[0] === fileUrl;
  context.on("request", (req) => {
    if (!self(req.url())) events.requests.push(`${req.method()} ${req.url()}`);
  });
  // Nothing may leave the machine: abort whatever is not the file itself (data: URLs are no
  // request; Chromium answers them without the network).
  await context.route("**/*", (route) => {
    const url = route.request().url();
    return self(url) || url.startsWith("data:") ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") events.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => events.pageErrors.push(String(err)));
  page.on("dialog", (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.goto(fileUrl, { waitUntil: "load" });
  return { context, page, events };
}

function eventProblems(events, label) {
  return [
    ...events.requests.map((r) => `${label}network request other than the file itself: ${r}`),
    ...events.pageErrors.map((e) => `${label}page error: ${e}`),
    ...events.consoleErrors.map((e) => `${label}console error: ${e}`),
    ...events.dialogs.map((d) => `${label}a dialog was opened: ${d}`),
  ];
}

async function checkInBrowser(browser, file, screenshotDir) {
  const problems = [];
  const notes = [];
  const fileUrl = pathToFileURL(path.resolve(file)).href;

  // First load: as a reader gets it, with the page's own CSP enforced.
  const real = await openPage(browser, fileUrl, { bypassCSP: false });
  const dom = await real.page.evaluate(() => {
    const handlers = [];
    const jsUrls = [];
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) handlers.push(`<${el.localName} ${attr.name}>`);
        if (/^\s*javascript:/i.test(attr.value)) jsUrls.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      }
    }
    return {
      scripts: [...document.querySelectorAll("script")].map((s) => s.outerHTML.slice(0, 120)),
      handlers,
      jsUrls,
      objects: document.querySelectorAll("iframe, frame, object, embed, base").length,
      text: document.body ? document.body.innerText + "\n" + document.title : document.title,
      ids: document.querySelectorAll("[id]").length,
    };
  });
  for (const s of dom.scripts) problems.push(`<script> element in the page: ${s}`);
  for (const h of dom.handlers) problems.push(`inline event handler attribute: ${h}`);
  for (const u of dom.jsUrls) problems.push(`javascript: URL: ${u}`);
  if (dom.objects) problems.push(`${dom.objects} iframe/frame/object/embed/base element(s) in the page`);
  for (const t of args.values["expect-text"]) {
    if (!dom.text.includes(t)) problems.push(`expected text not rendered literally: ${JSON.stringify(t)}`);
  }
  const name = path.basename(file).replace(/\.html?$/i, "");
  const shot = path.join(screenshotDir ?? path.dirname(file), `${name}.png`);
  if (!args.values["no-screenshots"]) {
    await real.page.screenshot({ path: shot, fullPage: true });
    notes.push(`screenshot ${shot}`);
  }
  problems.push(...eventProblems(real.events, ""));
  if (args.values.print) {
    const base = shot.replace(/\.png$/, "");
    await printChecks(real.page, base, problems, notes);
  }
  await real.context.close();
  if (args.values.print) {
    const base = shot.replace(/\.png$/, "");
    await phoneCheck(browser, fileUrl, base, problems, notes);
  }

  // Second load: the CSP bypassed so that axe (a script) can be injected. Requests are still
  // recorded: one that only the CSP stopped above is attempted here, and is still a failure.
  const audit = await openPage(browser, fileUrl, { bypassCSP: true });
  await audit.page.addScriptTag({ content: axe.source });
  const results = await audit.page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  for (const v of results.violations) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`);
    for (const node of v.nodes) {
      const target = node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(", ");
      problems.push(`    target ${target}`);
      if (node.failureSummary) {
        problems.push(`      ${node.failureSummary.replace(/\n\s*/g, " ").slice(0, 400)}`);
      }
    }
  }
  // "Needs review": axe could not decide (e.g. contrast of a glyph-only text); shown, not failed.
  for (const r of results.incomplete) {
    const first = r.nodes[0];
    const why = first?.any?.[0]?.message ?? first?.all?.[0]?.message ?? "";
    notes.push(`axe needs review (not failed): ${r.id} on ${r.nodes.length} element(s), e.g. ${first?.target.join(" ")}: ${why}`);
  }
  notes.push(`axe ${axe.version}: ${results.passes.length} rules passed, ${results.violations.length} violated, ${results.inapplicable.length} inapplicable`);
  problems.push(...eventProblems(audit.events, "axe load: "));
  await audit.context.close();
  return { problems, notes };
}

// The page on a phone: 390 px wide, nothing may stick out sideways (a table scrolls inside its
// own region instead).
async function phoneCheck(browser, fileUrl, base, problems, notes) {
  const phone = await openPage(browser, fileUrl, { bypassCSP: false, viewport: { width: 390, height: 844 } });
  const overflow = await phone.page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".scroll")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
        wide.push(`<${el.localName}${el.className ? ` class="${el.className}"` : ""}> ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8) };
  });
  if (overflow.scrollWidth > overflow.width) {
    problems.push(`at 390 px the page is ${overflow.scrollWidth} px wide: ${overflow.wide.join("; ")}`);
  }
  for (const w of overflow.wide) problems.push(`at 390 px, cut off: ${w}`);
  await phone.page.screenshot({ path: `${base}-390.png`, fullPage: true });
  notes.push(`screenshot ${base}-390.png`);
  problems.push(...eventProblems(phone.events, "390 px: "));
  await phone.context.close();
}

// Print-to-PDF on A4 and Letter; pages 1 and 2 of the A4 one as PNG.
async function printChecks(page, base, problems, notes) {
  const cards = await page.evaluate(() => document.querySelectorAll("article.goal-card").length);
  for (const format of ["A4", "Letter"]) {
    const pdfPath = `${base}-${format.toLowerCase()}.pdf`;
    const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: false });
    await writeFile(pdfPath, pdf);
    // Each page object of a PDF is `/Type /Page` (not `/Pages`): enough to count them.
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
    // About one page per three goal cards (the check allows 2.5, as cards never split and
    // leave the rest of a page empty), and six for the front matter, the tables, the tree and
    // the people (a page more or less with other fonts).
    // two pages of slack over the 17-18 measured here: other fonts break pages elsewhere
    const limit = Math.ceil(cards / 2.5) + 8;
    notes.push(`${format} print: ${pages} pages for ${cards} goal cards (limit ${limit}): ${pdfPath}`);
    if (pages > limit) problems.push(`${format} print takes ${pages} pages for ${cards} goal cards (over ${limit})`);
    if (format === "A4") {
      try {
        execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "2", pdfPath, `${base}-a4`]);
        for (const n of [1, 2]) {
          // pdftoppm pads the page number to the width of the last page's
          const padded = [`${base}-a4-${n}.png`, `${base}-a4-0${n}.png`, `${base}-a4-00${n}.png`];
          const found = padded.find((f) => existsSync(f));
          if (found && found !== padded[0]) execFileSync("mv", [found, padded[0]]);
          notes.push(`screenshot ${padded[0]} (A4 page ${n})`);
        }
      } catch (e) {
        problems.push(`cannot render the A4 PDF with pdftoppm (poppler-utils): ${e.message}`);
      }
    }
  }
}

// --- main ---------------------------------------------------------------------------------------

const started = Date.now();
if (args.values.screenshots) await mkdir(args.values.screenshots, { recursive: true });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const browserVersion = browser.version();
let failed = 0;
try {
  for (const file of files) {
    const problems = await validateHtml(file);
    const browserResult = await checkInBrowser(browser, file, args.values.screenshots);
    problems.push(...browserResult.problems);
    if (problems.length === 0) {
      console.log(`ok   ${file}`);
    } else {
      failed++;
      console.log(`FAIL ${file}`);
      for (const p of problems) console.log(`  ${p}`);
    }
    for (const n of browserResult.notes) console.log(`  note: ${n}`);
  }
} finally {
  await browser.close();
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`checked ${files.length} file(s) in ${secs}s: html-validate:standard, axe-core ${axe.version} (${AXE_TAGS.join(", ")}), Chromium ${browserVersion}`);
console.log(`browser: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
