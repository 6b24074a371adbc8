import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_AUTH_ENV } from "@/test/auth-session";
import { NO_LIMITS_ENV } from "@/test/config";
import { createTestDatabase, pgServerReachable } from "@/test/pg-server";
import { discoverApiRoutes } from "./lib/api-routes";
import { startAppProcess, type AppProcess } from "./lib/app-harness";
import { generateBadRequests, judgeAnswer, type Answer, type BadRequest, type Fixtures } from "./lib/bad-requests";
import { sendChat } from "./lib/chat-client";
import { createGuests } from "./lib/guests";
import { runPool } from "./lib/pool";
import { soakScale } from "./lib/soak-scale";

/**
 * Bad-input soak: thousands of generated malformed requests to every API
 * route on disk (wrong types, missing fields, huge bodies, invalid UTF-8,
 * wrong content types, unknown ids, other users' ids, forged sessions). Every
 * answer must be a 4xx with a JSON error body — never a 500 — and the server
 * must still answer a real chat message afterwards, with its heap where it was.
 *
 * `npm test` runs a short form on PGlite; `SOAK=long` sends 6,000 on PGlite
 * and again on the local Postgres server when one answers.
 */
const { long, requests: REQUESTS } = soakScale({ short: 500, long: 6_000 });
const CONCURRENCY = 8;
const ADMIN_EMAIL = "soak-admin@example.com";
const HEAP_SLACK_BYTES = 32 * 1024 * 1024;
const databases = long && (await pgServerReachable()) ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(databases)(`bad-input soak on %s: ${REQUESTS} malformed requests to every API route`, (database) => {
  let app: AppProcess;
  let fixtures: Fixtures;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let databaseEnv: Record<string, string> = { PGLITE_DIR: "memory://" };
    if (database === "postgres") {
      const created = await createTestDatabase("ballast_soak_input");
      databaseEnv = { DATABASE_URL: created.url };
      dropDatabase = created.drop;
    }
    app = await startAppProcess({
      name: `soak-bad-input-${database}`,
      env: {
        ...TEST_AUTH_ENV,
        ...NO_LIMITS_ENV,
        ...databaseEnv,
        // The request's own origin, as in a deployment that does not set it.
        BETTER_AUTH_URL: "",
        ADMIN_EMAILS: ADMIN_EMAIL,
        // As in production: asking for faults is refused.
        BALLAST_DEV_TOOLS: "0",
        OFFLINE_FIRST_CHUNK_MS: "5",
        OFFLINE_CHUNK_MS: "1",
      },
    });
    fixtures = await createFixtures(app.url);
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await dropDatabase?.();
  });

  it("answers every one with a 4xx and a JSON error body, never a 500, and stays healthy", { timeout: long ? 1_200_000 : 55_000 }, async () => {
    const routes = discoverApiRoutes();
    const requests = generateBadRequests({ routes, fixtures, count: REQUESTS, seed: 7 });
    const baseline = await app.memory();

    const problems: string[] = [];
    const byCategory = new Map<string, number>();
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    let sent = 0;
    // CONCURRENCY senders pulling from one lazy generator.
    await runPool(CONCURRENCY, CONCURRENCY, async () => {
      for (let next = requests.next(); !next.done; next = requests.next()) {
        const request = next.value;
        sent++;
        covered.add(request.route);
        const answer = await send(app.url, request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const family = request.category.split(":")[0]!;
        byCategory.set(family, (byCategory.get(family) ?? 0) + 1);
        const problem = judgeAnswer(request, answer);
        if (problem) problems.push(`${request.route} · ${request.category} → ${problem}`);
      }
    });

    // Healthy afterwards: a real message still gets a real reply, and nothing piled up in memory.
    const reply = await sendChat({ baseUrl: app.url, cookie: fixtures.guestA, chatId: crypto.randomUUID(), text: "Still there after all that?" });
    const chats = await fetch(`${app.url}/api/chats`, { headers: { cookie: fixtures.guestA } });
    const after = await app.memory();
    const uncovered = routes.flatMap((route) => route.methods.map((method) => `${method} ${route.pattern}`)).filter((key) => !covered.has(key));

    console.log(
      [
        `\nbad-input soak on ${database}: ${sent} requests to ${covered.size} route+method pairs (${routes.length} route files), ${CONCURRENCY} at a time`,
        `  kinds: ${[...byCategory].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(", ")}`,
        `  statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status} ×${n}`).join(", ")}`,
        `  wrong answers: ${problems.length}${problems.length ? `\n    ${[...new Set(problems)].slice(0, 25).join("\n    ")}` : ""}`,
        `  afterwards: chat reply ${reply.kind}, GET /api/chats ${chats.status}, heap after GC ${(baseline.heapUsed / 2 ** 20).toFixed(1)} → ${(after.heapUsed / 2 ** 20).toFixed(1)} MB`,
      ].join("\n"),
    );

    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(problems).toEqual([]);
    // Every route and method on disk got malformed requests (bench-only routes answer 404 here and are sent one case).
    expect(uncovered).toEqual([]);
    expect(reply.kind).toBe("reply");
    expect(chats.status).toBe(200);
    expect(after.heapUsed).toBeLessThan(baseline.heapUsed + HEAP_SLACK_BYTES);
  });
});

/** Two guests with a chat each, and an admin (signed up with an ADMIN_EMAILS address). */
async function createFixtures(baseUrl: string): Promise<Fixtures> {
  const [guestA, guestB] = (await createGuests(baseUrl, 2)) as [string, string];
  const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: "soak-admin-password", name: "Soak Admin" }),
  });
  if (!signUp.ok) throw new Error(`admin sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const admin = signUp.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
  const session = (await (await fetch(`${baseUrl}/api/auth/get-session`, { headers: { cookie: guestA } })).json()) as { user: { id: string } };
  const chatOfA = crypto.randomUUID();
  const chatOfB = crypto.randomUUID();
  for (const [cookie, chatId] of [
    [guestA, chatOfA],
    [guestB, chatOfB],
  ] as const) {
    const outcome = await sendChat({ baseUrl, cookie, chatId, text: "A first message, so this chat exists." });
    if (outcome.kind !== "reply") throw new Error(`fixture chat failed: ${JSON.stringify(outcome)}`);
  }
  return { guestA, guestB, admin, adminEmail: ADMIN_EMAIL, userIdOfA: session.user.id, chatOfA, chatOfB };
}

async function send(baseUrl: string, request: BadRequest): Promise<Answer> {
  if (request.body !== undefined && request.body.length > 64 * 1024) return sendLarge(baseUrl, request);
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: typeof request.body === "string" || request.body === undefined ? request.body : new Uint8Array(request.body),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", location: response.headers.get("location"), text };
  } catch (error) {
    return { status: 0, contentType: "", location: null, text: error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error) };
  }
}

/**
 * An oversized body on a connection of its own (never reused by another
 * request). The server answers 413 before reading it all; the connection is
 * kept alive so the server drains the rest instead of closing on unread data
 * (which resets the socket and can destroy the answer in flight), and this
 * side closes it once the answer is read. The upload may still fail after the
 * answer arrived; the answer is what counts. `chunked` sends no Content-Length.
 */
function sendLarge(baseUrl: string, request: BadRequest): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const body = typeof request.body === "string" ? Buffer.from(request.body) : Buffer.from(request.body ?? new Uint8Array());
    const headers: Record<string, string | number> = { ...request.headers, connection: "keep-alive" };
    if (!request.chunked) headers["content-length"] = body.length;
    const outgoing = http.request(`${baseUrl}${request.path}`, { method: request.method, headers, agent: false, timeout: 30_000 }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers["content-type"] ?? ""),
          location: response.headers.location ?? null,
          text: Buffer.concat(chunks).toString("utf8"),
        });
        outgoing.destroy();
      });
      response.on("error", () => resolve({ status: response.statusCode ?? 0, contentType: "", location: null, text: "(answer cut)" }));
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
    outgoing.on("error", (error) => {
      if (!answered) resolve({ status: 0, contentType: "", location: null, text: error.message });
    });
    // In 64 KB pieces, as a browser streams an upload.
    for (let offset = 0; offset < body.length; offset += 64 * 1024) outgoing.write(body.subarray(offset, offset + 64 * 1024));
    outgoing.end();
  });
}
