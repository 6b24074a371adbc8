import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { users } from "@/db/schema";
import { toBallastError } from "./errors";

/** A driver error as drizzle wraps it: the SQLSTATE is on the cause. */
function queryError(code: string): Error {
  return new Error("Failed query: select …", { cause: Object.assign(new Error("driver says no"), { code }) });
}

describe("toBallastError", () => {
  it("answers a value the database cannot represent (NUL byte, malformed UUID) as the client's 400", () => {
    for (const code of ["22021", "22P05", "22P02"]) {
      const typed = toBallastError(queryError(code));
      expect(typed.code).toBe("bad_request:api");
      expect(typed.status).toBe(400);
    }
  });

  it("keeps an unreachable database a 503 and anything else a 500", () => {
    expect(toBallastError(queryError("ECONNREFUSED")).status).toBe(503);
    expect(toBallastError(queryError("23505")).code).toBe("internal:api");
    expect(toBallastError(new TypeError("bug")).code).toBe("internal:api");
  });

  it("maps what PGlite really throws for a NUL byte in an id (found by bench/soak-bad-input)", async () => {
    const { db, close } = await openDb({ dataDir: "memory://" });
    try {
      const error = await db
        .select()
        .from(users)
        .where(eq(users.id, "abc\u0000def"))
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(error).not.toBeNull();
      expect(toBallastError(error).status).toBe(400);
    } finally {
      await close();
    }
  });
});
