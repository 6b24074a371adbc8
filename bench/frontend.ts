/**
 * Front end: first-load JavaScript of the chat pages (`/` and `/chat/[id]`) and
 * the other pages, gzip, from the production build's manifests — the shared
 * runtime (`rootMainFiles`) plus the entry chunks of the page and its layouts.
 * Then it serves the build and checks the figure against the scripts the
 * chat page's HTML really loads.
 *
 *   npm run bench:frontend
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { machineLine } from "./lib/args";
import { BENCH_AUTH_ENV } from "./lib/bench-env";
import { BENCH_DIST_DIR, ensureBenchBuild } from "./lib/bench-build";
import { clientBreakdown } from "./lib/client-breakdown";
import { createGuests } from "./lib/guests";
import { startNextServer } from "./lib/processes";
import { fmt, printTable } from "./lib/table";

const TARGET_KB = 200;
const PAGES = ["/page", "/chat/[id]/page", "/summarize/page", "/sign-in/page", "/sign-up/page"];
const CHAT_PAGES = new Set(["/page", "/chat/[id]/page"]);

type RscManifest = { entryJSFiles?: Record<string, string[]>; clientModules?: Record<string, unknown> };

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(BENCH_DIST_DIR, file), "utf8")) as T;
}

/** The client reference manifest Next writes per page (a script assigning globalThis.__RSC_MANIFEST). */
function rscManifest(page: string): RscManifest {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(path.join(BENCH_DIST_DIR, "server", "app", `${page}_client-reference-manifest.js`), "utf8"), context);
  const manifests = (context as { __RSC_MANIFEST?: Record<string, RscManifest> }).__RSC_MANIFEST ?? {};
  const manifest = manifests[page];
  if (!manifest) throw new Error(`no client reference manifest for ${page}`);
  return manifest;
}

/** Scripts a first visit to `page` loads: the runtime plus the entry chunks of the page and every layout above it. */
function firstLoadFiles(page: string): string[] {
  const { rootMainFiles } = readJson<{ rootMainFiles: string[] }>("build-manifest.json");
  const directory = page.slice(0, -"/page".length);
  const entries = rscManifest(page).entryJSFiles ?? {};
  const own = Object.entries(entries).flatMap(([key, files]) => {
    const source = key.replace(/^\[project\]\/app/, "");
    const isLayoutAbove = source.endsWith("/layout") && (directory + "/").startsWith(source.slice(0, -"layout".length));
    return source === page || isLayoutAbove ? files : [];
  });
  return [...new Set([...rootMainFiles, ...own])];
}

function sizes(files: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(BENCH_DIST_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { raw, gzip };
}

/** The chunk scripts the served chat page's HTML references (src attributes and preloads). */
async function scriptsInHtml(): Promise<Set<string>> {
  const server = await startNextServer({ distDir: BENCH_DIST_DIR, name: "next-frontend", env: { ...BENCH_AUTH_ENV, PGLITE_DIR: "memory://" } });
  try {
    const [cookie] = await createGuests(server.url, 1);
    const html = await (await fetch(`${server.url}/`, { headers: { cookie: cookie! } })).text();
    return new Set([...html.matchAll(/\/_next\/(static\/chunks\/[^"'\s]+?\.js)/g)].map((match) => match[1]!));
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  ensureBenchBuild();
  const { polyfillFiles } = readJson<{ polyfillFiles: string[] }>("build-manifest.json");
  const rows = PAGES.map((page) => {
    const files = firstLoadFiles(page);
    const { raw, gzip } = sizes(files);
    const route = page.slice(0, -"/page".length) || "/";
    const isChat = CHAT_PAGES.has(page);
    return { page, files, gzip, row: [`${route}${isChat ? " (chat)" : ""}`, files.length, fmt(raw / 1024, 1), fmt(gzip / 1024, 1), isChat ? (gzip / 1024 <= TARGET_KB ? "met" : "MISSED") : ""] };
  });
  printTable(
    `First-load JavaScript per page (production build in ${BENCH_DIST_DIR}; gzip level 6; the nomodule polyfill, ${fmt(sizes(polyfillFiles).gzip / 1024, 1)} KB gzip, is not loaded by modern browsers and not counted)`,
    ["page", "scripts", "raw KB", "gzip KB", `chat target ≤ ${TARGET_KB} KB`],
    rows.map((entry) => entry.row),
  );

  // Cross-check: every script the served chat page references is counted, and nothing counted is missing from it.
  const served = await scriptsInHtml();
  const counted = new Set(rows.find((entry) => entry.page === "/page")!.files);
  const notCounted = [...served].filter((file) => !counted.has(file) && !polyfillFiles.includes(file));
  const notServed = [...counted].filter((file) => !served.has(file));
  console.log(
    notCounted.length === 0 && notServed.length === 0
      ? `cross-check: the served / page references exactly the ${counted.size} scripts counted above`
      : `cross-check: the served / page references ${served.size} scripts; not counted: ${notCounted.join(", ") || "none"}; counted but not referenced: ${notServed.join(", ") || "none"}`,
  );
  // What makes the chat page heavy: its client components' dependencies, by package.
  const clientEntries = Object.keys(rscManifest("/page").clientModules ?? {})
    .filter((key) => key.startsWith("[project]/") && !key.includes("node_modules/"))
    .map((key) => key.slice("[project]/".length));
  const breakdown = await clientBreakdown(clientEntries);
  if (breakdown) {
    printTable(
      `What the chat page's own client code pulls in (its ${clientEntries.length} client components re-bundled with esbuild, React and Next excluded: ${fmt(breakdown.minified / 1024, 0)} KB minified, ${fmt(breakdown.gzip / 1024, 0)} KB gzip)`,
      ["package or directory", "minified KB", "share"],
      breakdown.packages.slice(0, 12).map((entry) => [entry.origin, fmt(entry.bytes / 1024, 1), `${fmt((entry.bytes / breakdown.minified) * 100, 1)}%`]),
    );
  }
  console.log(`machine: ${machineLine()}`);
  // A missed target is a figure to report; a count that misses scripts the page loads is a broken measurement.
  if (notCounted.length > 0) process.exitCode = 1;
}

await main();
