import { mulberry32 } from "@/test/mock-llm/prng.ts";
import type { ApiRoute } from "./api-routes";

/** The callers a bad request can come from, and what they own. */
export type Fixtures = {
  guestA: string;
  guestB: string;
  admin: string;
  adminEmail: string;
  userIdOfA: string;
  chatOfA: string;
  chatOfB: string;
};

/**
 * What a correct server answers:
 * - "error": a 4xx whose body is the JSON error contract (for better-auth's own routes: a JSON object);
 * - "redirect": /api/guest's 303 to a path on this site, whatever `next` asked for;
 * - "ignored": a 200 JSON answer that ignored the bad part (check says what must not leak).
 */
export type Expectation = "error" | "redirect" | "ignored";

export type BadRequest = {
  category: string;
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** Sent with Transfer-Encoding: chunked (no Content-Length to refuse it by). */
  chunked?: boolean;
  expect: Expectation;
  /** Extra check for "ignored" answers: a problem, or null. */
  check?: (json: unknown) => string | null;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Template = {
  actor: keyof Pick<Fixtures, "guestA" | "admin"> | "none";
  /** A valid body; every mutation below makes it invalid. */
  body: (fixtures: Fixtures, random: () => number) => { [key: string]: Json };
  /** Paths whose removal must be refused. */
  required: string[][];
  /** Paths whose change to another JSON type must be refused (default: the required ones). */
  typed?: string[][];
  /** Unknown keys refused (a .strict() schema). */
  strict?: boolean;
  /** Bodies that are well-formed JSON of the right types yet invalid. */
  semantic: Array<{ name: string; body: (fixtures: Fixtures) => Json }>;
  /** A concrete path for a templated route (its dynamic segments filled with valid values). */
  path?: (fixtures: Fixtures) => string;
};

const uuid = () => crypto.randomUUID();

/** The routes whose valid body is known: their bodies are mutated field by field. Other routes get the generic cases only. */
const TEMPLATES: Record<string, Template> = {
  "POST /api/chat": {
    actor: "guestA",
    body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "What is a token budget?" }] } }),
    required: [["chatId"], ["message"], ["message", "id"], ["message", "role"], ["message", "parts"], ["message", "parts", "0"], ["message", "parts", "0", "type"], ["message", "parts", "0", "text"]],
    semantic: [
      { name: "empty text", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "" }] } }) },
      { name: "blank text", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: " \n\t " }] } }) },
      { name: "text over the limit", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "x".repeat(8_001) }] } }) },
      { name: "assistant role", body: () => ({ chatId: uuid(), message: { id: "m1", role: "assistant", parts: [{ type: "text", text: "hi" }] } }) },
      { name: "two parts", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "a" }, { type: "text", text: "b" }] } }) },
      { name: "no parts", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [] } }) },
      { name: "image part", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "image", url: "http://x" }] } }) },
      { name: "chatId not a UUID", body: () => ({ chatId: "chat-1", message: { id: "m1", role: "user", parts: [{ type: "text", text: "hi" }] } }) },
      { name: "empty message id", body: () => ({ chatId: uuid(), message: { id: "", role: "user", parts: [{ type: "text", text: "hi" }] } }) },
      { name: "message id too long", body: () => ({ chatId: uuid(), message: { id: "m".repeat(201), role: "user", parts: [{ type: "text", text: "hi" }] } }) },
      { name: "another user's chat", body: (f) => ({ chatId: f.chatOfB, message: { id: "m1", role: "user", parts: [{ type: "text", text: "Let me in" }] } }) },
      { name: "faults without dev tools", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "hi" }] }, faults: { modes: ["prose"], rate: 1 } }) },
      { name: "malformed faults", body: () => ({ chatId: uuid(), message: { id: "m1", role: "user", parts: [{ type: "text", text: "hi" }] }, faults: { modes: "everything", rate: 7 } }) },
    ],
  },
  "POST /api/summarize": {
    actor: "guestA",
    body: () => ({ text: "Budgets are reserved before the call and settled after it." }),
    required: [["text"]],
    semantic: [
      { name: "empty text", body: () => ({ text: "" }) },
      { name: "blank text", body: () => ({ text: "   " }) },
      { name: "text over the limit", body: () => ({ text: "word ".repeat(4_001) }) },
      { name: "faults without dev tools", body: () => ({ text: "hello there", faults: { modes: ["fence"], rate: 1 } }) },
    ],
  },
  "PUT /api/admin/users/[id]/budget": {
    actor: "admin",
    path: (f) => `/api/admin/users/${f.userIdOfA}/budget`,
    body: () => ({ user_day: { tokens: 50_000 } }),
    // Every scope and unit is optional ({} clears nothing and sets nothing), but none may change type.
    required: [],
    typed: [["user_day"], ["user_day", "tokens"]],
    strict: true,
    semantic: [
      { name: "negative tokens", body: () => ({ user_day: { tokens: -1 } }) },
      { name: "fractional tokens", body: () => ({ user_day: { tokens: 1.5 } }) },
      { name: "tokens past 2^53", body: () => ({ user_day: { tokens: 2 ** 60 } }) },
      { name: "unknown scope", body: () => ({ global_day: { tokens: 5 } }) },
      { name: "unknown unit", body: () => ({ session: { dollars: 5 } }) },
    ],
  },
  "POST /api/auth/sign-up/email": {
    actor: "none",
    body: (_f, random) => ({ email: `fuzz-${Math.floor(random() * 1e12)}@example.com`, password: "correct horse battery", name: "Fuzz" }),
    required: [["email"], ["password"]],
    semantic: [
      { name: "not an email", body: () => ({ email: "not-an-email", password: "correct horse battery", name: "Fuzz" }) },
      { name: "short password", body: () => ({ email: `short-${uuid()}@example.com`, password: "1234", name: "Fuzz" }) },
      { name: "existing email", body: (f) => ({ email: f.adminEmail, password: "correct horse battery", name: "Copycat" }) },
    ],
  },
  "POST /api/auth/sign-in/email": {
    actor: "none",
    body: (f) => ({ email: f.adminEmail, password: "not the password" }),
    required: [["email"], ["password"]],
    semantic: [
      { name: "wrong password", body: (f) => ({ email: f.adminEmail, password: "wrong password!" }) },
      { name: "unknown user", body: () => ({ email: `nobody-${uuid()}@example.com`, password: "whatever123" }) },
    ],
  },
};

/** Values of another JSON type than the one a field has (every one a schema must refuse). */
function otherTypes(value: Json): Json[] {
  const all: Json[] = [null, true, 42, -1.5, "text", [], [1, "two"], {}, { nested: { deeper: [] } }];
  const typeOf = (item: Json) => (item === null ? "null" : Array.isArray(item) ? "array" : typeof item);
  return all.filter((item) => typeOf(item) !== typeOf(value));
}

function getAt(body: Json, path: string[]): Json {
  return path.reduce<Json>((value, key) => (value !== null && typeof value === "object" ? ((value as Record<string, Json>)[key] ?? null) : null), body);
}

/** A deep copy of `body` with the value at `path` replaced (or removed when `value` is undefined). */
function setAt(body: Json, path: string[], value: Json | undefined): Json {
  const copy = structuredClone(body);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path.at(-1)!;
  if (parent === null || typeof parent !== "object") return copy;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(key), 1);
    else parent[Number(key)] = value;
  } else if (value === undefined) delete (parent as Record<string, Json>)[key];
  else (parent as Record<string, Json>)[key] = value;
  return copy;
}

const INVALID_UTF8: Array<[string, number[]]> = [
  ["0xff byte", [0xff, 0xfe]],
  ["lone continuation byte", [0x80]],
  ["overlong slash", [0xc0, 0xaf]],
  ["UTF-16 surrogate", [0xed, 0xa0, 0x80]],
  ["cut multi-byte sequence", [0xe2, 0x82]],
];

const MALFORMED_JSON = ["", "{", '{"text": ', "{'text': 'single quotes'}", '{"text": "unterminated}', "{} trailing", "NaN", "undefined", '{"a":1,}', "\u0000", "[".repeat(5_000)];
const NOT_OBJECTS = ["null", "[]", "42", '"a string"', "true", '[{"text":"hi"}]'];
const WRONG_CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/jsonp"];
const ID_VALUES = (random: () => number): Array<[string, string]> => [
  ["unknown UUID", uuid()],
  ["not a UUID", "not-a-uuid"],
  ["zero", "0"],
  ["SQL in the id", encodeURIComponent("' OR 1=1 --")],
  ["very long id", "a".repeat(2_000 + Math.floor(random() * 3_000))],
  ["non-ASCII id", encodeURIComponent("日本語-ü")],
  ["encoded slash", "..%2F..%2Fetc%2Fpasswd"],
  ["encoded NUL", "abc%00def"],
];

/** The caller's real session token with one character of its signature changed (and no signed cache cookie). */
function tamperedSession(cookie: string): string {
  const token = cookie.split(/;\s*/).find((pair) => pair.startsWith("better-auth.session_token="));
  if (!token) return "better-auth.session_token=missing";
  const last = token.at(-1) === "A" ? "B" : "A";
  return `${token.slice(0, -1)}${last}`;
}

function actorOf(route: string): Template["actor"] {
  if (route.startsWith("/api/admin/")) return "admin";
  if (route.startsWith("/api/auth/") || route === "/api/guest") return "none";
  return "guestA";
}

function cookieOf(actor: Template["actor"], fixtures: Fixtures): Record<string, string> {
  return actor === "none" ? {} : { cookie: fixtures[actor] };
}

/** Fills a route's dynamic segments with valid-looking values (or the template's own path). */
function concretePath(route: ApiRoute, fixtures: Fixtures): string {
  return route.pattern
    .replace("[...all]", "get-session")
    .replace(/\[(\w+)\]/g, (_, name: string) => (name === "id" && route.pattern.startsWith("/api/chats") ? fixtures.chatOfA : name === "id" ? fixtures.userIdOfA : uuid()));
}

/**
 * Every kind of malformed request for every route and method (the systematic
 * part), then random picks from the same generators with fresh values until
 * `count` have been made. Lazy: bodies of megabytes are built when they are
 * sent and dropped after, so thousands never sit in memory at once. Seeded: a
 * failing run can be replayed.
 */
export function* generateBadRequests({ routes, fixtures, count, seed }: { routes: readonly ApiRoute[]; fixtures: Fixtures; count: number; seed: number }): Generator<BadRequest> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const generators: Array<() => BadRequest[]> = [];

  for (const route of routes) {
    if (route.pattern.startsWith("/api/bench/")) continue; // 404 without BALLAST_BENCH_ROUTES; covered below as an unknown route
    for (const method of route.methods) {
      const key = `${method} ${route.pattern}`;
      const template = TEMPLATES[key];
      const actor = template?.actor ?? actorOf(route.pattern);
      const path = () => template?.path?.(fixtures) ?? concretePath(route, fixtures);
      const base = { route: key, method };
      const json = (category: string, body: Json | string, extra: Partial<BadRequest> = {}): BadRequest => ({
        ...base,
        category,
        path: path(),
        headers: { "content-type": "application/json", ...cookieOf(actor, fixtures) },
        body: typeof body === "string" ? body : JSON.stringify(body),
        expect: "error",
        ...extra,
      });

      // Who is calling: nobody, a forged session, a tampered one; a guest on an admin route.
      if (route.pattern !== "/api/guest" && !route.pattern.startsWith("/api/auth/")) {
        const withBody = method === "GET" || method === "DELETE" ? {} : { body: JSON.stringify(template?.body(fixtures, random) ?? {}) };
        const call = (category: string, cookie?: string): BadRequest => ({ ...base, category, path: path(), headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, expect: "error", ...withBody });
        generators.push(() => [call("auth: no session cookie")]);
        generators.push(() => [call("auth: forged session cookie", `better-auth.session_token=${uuid()}.${"A".repeat(43)}`)]);
        generators.push(() => [call("auth: tampered session cookie", tamperedSession(fixtures.guestA))]);
        generators.push(() => [call("auth: garbage cookie header", "\u00ff\u00fe=;;;=====; better-auth.session_token")]);
        if (actor === "admin") generators.push(() => [call("auth: a guest on an admin route", fixtures.guestA)]);
      }

      // Ids in the path that do not exist, are malformed, or belong to someone else.
      if (route.params.length > 0 && !route.pattern.startsWith("/api/auth/")) {
        generators.push(() =>
          ID_VALUES(random).map(([name, value]) => ({
            ...base,
            category: `path id: ${name}`,
            path: route.pattern.replace(/\[(?:\.\.\.)?\w+\]/g, value),
            headers: { "content-type": "application/json", ...cookieOf(actor, fixtures) },
            ...(method === "GET" || method === "DELETE" ? {} : { body: JSON.stringify(template?.body(fixtures, random) ?? {}) }),
            expect: "error" as const,
          })),
        );
        if (route.pattern === "/api/chats/[id]") {
          generators.push(() => [{ ...base, category: "path id: another user's chat", path: `/api/chats/${fixtures.chatOfB}`, headers: { cookie: fixtures.guestA }, expect: "error" }]);
        }
      }

      if (method === "GET" || method === "DELETE") continue;

      // Bodies: wrong content type, invalid UTF-8, malformed JSON, JSON that is not an object, huge, deeply nested.
      const valid = () => template?.body(fixtures, random) ?? { any: "thing" };
      for (const contentType of WRONG_CONTENT_TYPES) {
        generators.push(() => [{ ...json(`content type: ${contentType || "none"}`, valid()), headers: { ...(contentType ? { "content-type": contentType } : {}), ...cookieOf(actor, fixtures) } }]);
      }
      for (const [name, bytes] of INVALID_UTF8) {
        generators.push(() => [{ ...json(`invalid UTF-8: ${name}`, ""), body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from(bytes), Buffer.from('"}')]) }]);
      }
      for (const text of MALFORMED_JSON) generators.push(() => [json(`malformed JSON: ${JSON.stringify(text.slice(0, 12))}`, text)]);
      for (const text of NOT_OBJECTS) generators.push(() => [json(`JSON not an object: ${text.slice(0, 12)}`, text)]);
      generators.push(() => [json("deeply nested JSON", `${'{"a":'.repeat(3_000)}1${"}".repeat(3_000)}`)]);
      for (const size of [100 * 1024, 1024 * 1024, 6 * 1024 * 1024]) {
        generators.push(() => [json(`huge body: ${Math.round(size / 1024)} KB of JSON`, { text: "x".repeat(size), chatId: uuid() })]);
      }
      generators.push(() => [{ ...json("huge body: 2 MB not JSON, chunked", ""), body: new Uint8Array(2 * 1024 * 1024).fill(0x41), chunked: true }]);

      // Field by field: each required field removed, or given another JSON type; unknown keys on strict schemas; valid JSON that means nothing valid.
      if (template) {
        for (const fieldPath of template.required) {
          generators.push(() => [json(`missing field: ${fieldPath.join(".")}`, setAt(template.body(fixtures, random), fieldPath, undefined))]);
        }
        for (const fieldPath of template.typed ?? template.required) {
          generators.push(() => {
            const body = template.body(fixtures, random);
            return [json(`wrong type: ${fieldPath.join(".")}`, setAt(body, fieldPath, pick(otherTypes(getAt(body, fieldPath)))))];
          });
        }
        for (const fieldPath of template.required) {
          generators.push(() => {
            const body = template.body(fixtures, random);
            const value = getAt(body, fieldPath);
            return typeof value === "string" ? [json(`NUL character in ${fieldPath.join(".")}`, setAt(body, fieldPath, `${value}\u0000`))] : [];
          });
        }
        for (const other of otherTypes({})) generators.push(() => [json(`wrong type: the whole body as ${JSON.stringify(other).slice(0, 10)}`, other)]);
        if (template.strict) generators.push(() => [json("unknown key on a strict schema", { ...template.body(fixtures, random), surprise: 1 })]);
        for (const { name, body } of template.semantic) generators.push(() => [json(`invalid value: ${name}`, body(fixtures))]);
      }
    }
  }

  // Query strings the admin API validates.
  const adminQuery = (path: string, query: string): BadRequest => ({ route: `GET ${path.replace(/users\/[^/]+/, "users/[id]")}`, method: "GET", category: `query: ${query}`, path: `${path}?${query}`, headers: { cookie: fixtures.admin }, expect: "error" });
  if (routes.some((route) => route.pattern === "/api/admin/usage")) {
    for (const query of ["range=forever", "source=mars", "sort=random", "range=", "range=24h&range=7d&sort=%00"]) generators.push(() => [adminQuery("/api/admin/usage", query)]);
  }
  if (routes.some((route) => route.pattern === "/api/admin/usage/users/[id]")) {
    for (const query of ["before=abc", "before=-1", "before=1e99", "range=1y"]) generators.push(() => [adminQuery(`/api/admin/usage/users/${fixtures.userIdOfA}`, query)]);
  }

  // GET /api/budget ignores a chat that is not the caller's: it must not show that chat's budget.
  const noForeignChat = (json: unknown) => {
    const scopes = (json as { scopes?: Array<{ scope: string }> }).scopes;
    if (!Array.isArray(scopes)) return "no scopes in the budget answer";
    return scopes.some((scope) => scope.scope === "session") ? "the budget answer shows a chat the caller does not own" : null;
  };
  for (const chatId of [fixtures.chatOfB, uuid(), "not-a-uuid", "%27%20OR%201%3D1", "x".repeat(3_000)]) {
    generators.push(() => [{ route: "GET /api/budget", method: "GET", category: "query: chatId not the caller's", path: `/api/budget?chatId=${chatId}`, headers: { cookie: fixtures.guestA }, expect: "ignored", check: noForeignChat }]);
  }

  // /api/guest sends everyone back to a path on this site, whatever `next` says.
  for (const next of ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "%2F%2Fevil.example", "", "/".repeat(5_000), "\u0000"]) {
    generators.push(() => [{ route: "GET /api/guest", method: "GET", category: `guest: next=${JSON.stringify(next.slice(0, 20))}`, path: `/api/guest?next=${encodeURIComponent(next)}`, headers: pick<Record<string, string>>([{}, { cookie: fixtures.guestA }, { cookie: "better-auth.session_token=forged" }]), expect: "redirect" }]);
  }

  // better-auth endpoints that do not exist; the benchmark-only route, off here.
  for (const method of ["GET", "POST"]) {
    generators.push(() => [
      { route: `${method} /api/auth/[...all]`, method, category: "auth: unknown endpoint", path: `/api/auth/${pick(["nope", "sign-up", "admin/set-role", "..%2Fchat", "get-session/extra"])}`, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}), expect: "error" as const },
    ]);
  }
  // A forged or tampered session is no session: better-auth answers null, and nobody's session leaks.
  for (const cookie of [`better-auth.session_token=${uuid()}.${"A".repeat(43)}`, tamperedSession(fixtures.guestA), "better-auth.session_data=eyJmYWtlIjp0cnVlfQ"]) {
    generators.push(() => [{ route: "GET /api/auth/[...all]", method: "GET", category: "auth: forged session asking who it is", path: "/api/auth/get-session", headers: { cookie }, expect: "ignored", check: (json) => (json === null ? null : `a forged cookie got a session: ${JSON.stringify(json).slice(0, 80)}`) }]);
  }
  generators.push(() => [{ route: "POST /api/bench/bare", method: "POST", category: "bench route without BALLAST_BENCH_ROUTES", path: "/api/bench/bare", headers: { "content-type": "application/json", cookie: fixtures.guestA }, body: "{}", expect: "error" }]);

  let made = 0;
  for (const generate of generators) {
    for (const request of generate()) {
      made++;
      yield request;
    }
  }
  while (made < count) {
    for (const request of pick(generators)()) {
      made++;
      yield request;
    }
  }
}

export type Answer = { status: number; contentType: string; location: string | null; text: string };

/** What is wrong with an answer to a bad request, or null when it is what a correct server says. */
export function judgeAnswer(request: BadRequest, answer: Answer): string | null {
  if (answer.status === 0) return `no answer: ${answer.text.slice(0, 160)}`;
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 160)}`;
  if (request.expect === "redirect") {
    const location = answer.location ?? "";
    if (answer.status !== 303) return `expected a 303, got ${answer.status}`;
    return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\") ? null : `redirects off the site: ${location}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return `HTTP ${answer.status} with a body that is not JSON (${answer.contentType || "no content type"}): ${JSON.stringify(answer.text.slice(0, 80))}`;
  }
  if (!answer.contentType.includes("application/json")) return `JSON body sent as ${answer.contentType || "no content type"}`;
  if (request.expect === "ignored") return answer.status === 200 ? (request.check?.(json) ?? null) : `expected the bad part ignored (200), got ${answer.status}`;
  if (answer.status < 400) return `accepted with HTTP ${answer.status}`;
  if (request.route.includes("/api/auth/")) {
    // better-auth's own routes answer with its JSON shape ({ code, message }).
    return typeof json === "object" && json !== null ? null : "error body is not a JSON object";
  }
  const error = (json as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof error?.code !== "string" || typeof error.message !== "string") return `error body is not the contract: ${answer.text.slice(0, 120)}`;
  return null;
}
