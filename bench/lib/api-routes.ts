import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type ApiRoute = {
  /** As Next names it: /api/chats/[id], /api/auth/[...all]. */
  pattern: string;
  methods: string[];
  /** Names of the dynamic segments, in order ([...all] as "all"). */
  params: string[];
};

const METHOD = /\b(GET|POST|PUT|PATCH|DELETE)\b/;

/**
 * Every API route on disk and the methods its file exports (read from the
 * source, so the soak covers a route the day it is added).
 */
export function discoverApiRoutes(apiDir = path.join(process.cwd(), "app", "api")): ApiRoute[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? walk(full) : entry === "route.ts" ? [full] : [];
    });
  return walk(apiDir)
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const line of source.split("\n")) {
        // `export const GET = …`, `export async function POST(…)`, `export { handle as GET, handle as POST }`.
        if (!line.startsWith("export")) continue;
        for (const match of line.matchAll(/(?:const|function|as)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) if (METHOD.test(match[1]!)) methods.add(match[1]!);
      }
      const pattern = `/${path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep).join("/")}`;
      const params = [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((match) => match[1]!);
      return { pattern, methods: [...methods].sort(), params };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}
