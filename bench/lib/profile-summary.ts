import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "./table";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const sourceMaps = new Map<string, SourceMap | null>();

/** The source map next to a built chunk (`x.js.map`), parsed once; null when there is none. */
function sourceMapFor(file: string): SourceMap | null {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")) as SourceMapPayload) : null);
  }
  return sourceMaps.get(file) ?? null;
}

/** Where a sampled frame's code came from: an app module, an npm package, a part of Node, PGlite's WASM, or the VM. */
export function bucketOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : `(native) ${functionName || "anonymous"}`;
  if (url.startsWith("wasm://")) return "PGlite (Postgres in WASM)";
  if (url.startsWith("node:")) return `node:${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  let source = url;
  if (url.startsWith("file://")) {
    const file = fileURLToPath(url);
    source = file;
    // Built chunks are minified bundles: map the frame back to the module it was bundled from.
    // (Packages' own maps point into their src/, which would hide which package it is.)
    const original = file.includes("node_modules/") ? undefined : sourceMapFor(file)?.findEntry(frame.lineNumber, frame.columnNumber);
    const from = original && "originalSource" in original ? String(original.originalSource ?? "") : "";
    if (from) {
      source = from.startsWith("file://") ? fileURLToPath(from) : from.startsWith("webpack://") ? from : path.resolve(path.dirname(file), safeDecode(from));
    }
  }
  source = safeDecode(source);
  const packageAt = source.lastIndexOf("node_modules/");
  if (packageAt !== -1) {
    const [scope, name] = source.slice(packageAt + "node_modules/".length).split("/");
    // Turbopack sometimes composes a package's own source map into "node_modules/src/…"; its chunk name still says which package.
    if (scope === "src") return packageFromChunkName(url) ?? "(a bundled package)";
    return scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? source);
  }
  const bundled = /^webpack:\/\/([^/]+)\//.exec(source);
  if (bundled) return bundled[1]!;
  const inProject = /(?:^|\/)((?:app|lib|db|components|bench|test)\/.+)$/.exec(source);
  return inProject ? inProject[1]! : source.split("/").slice(-2).join("/");
}

/** `node_modules_drizzle-orm_1xx9dq119fbdk._.js` → "drizzle-orm" (the package a Turbopack chunk was built from). */
function packageFromChunkName(url: string): string | undefined {
  const match = /\/node_modules_(.+?)_[0-9a-z-]{8,}\._\.js$/.exec(url);
  if (!match) return undefined;
  const name = match[1]!;
  return name.startsWith("@") ? name.replace("_", "/") : name;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const isAppModule = (bucket: string) => /^(app|lib|db)\//.test(bucket);

/**
 * Two views of every .cpuprofile in a directory (one per process or round):
 * self time by where the code came from, and time charged to the innermost
 * app module on the stack (so a driver's or library's work counts against the
 * Ballast step that asked for it).
 */
export function summarizeProfiles(dir: string, title: string, top = 15): void {
  const self = new Map<string, number>();
  const byAppModule = new Map<string, number>();
  let all = 0;
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const bucketCache = new Map<number, string>();
    const bucket = (node: ProfileNode) => {
      let value = bucketCache.get(node.id);
      if (value === undefined) bucketCache.set(node.id, (value = bucketOf(node.callFrame)));
      return value;
    };
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const micros = profile.timeDeltas[index] ?? 0;
      if (!node || node.callFrame.functionName === "(idle)") return;
      all += micros;
      add(self, bucket(node), micros);
      let owner = "(no app module on the stack: server, streams, drivers' I/O callbacks)";
      for (let at: ProfileNode | undefined = node; at; at = byId.get(parentOf.get(at.id) ?? -1)) {
        if (isAppModule(bucket(at))) {
          owner = bucket(at);
          break;
        }
      }
      add(byAppModule, owner, micros);
    });
  }
  if (all === 0) {
    console.log(`(no CPU profile found in ${dir})`);
    return;
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, micros]) => [key, `${((micros / all) * 100).toFixed(1)}%`, (micros / 1000).toFixed(0)]);
  printTable(`CPU profile, ${title}: busy time by origin (self time; ${dir})`, ["origin", "share", "ms"], rows(self));
  printTable(`CPU profile, ${title}: busy time by the innermost app module on the stack`, ["app module", "share", "ms"], rows(byAppModule));
}
