import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { describeChatApi } from "./chat-api.suite";

describeChatApi("PostgreSQL server", async () => {
  if (!(await pgServerReachable())) {
    console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; the /api/chat suite ran on PGlite only.\n`);
    return null;
  }
  return async () => {
    const database = await createTestDatabase();
    return { env: { DATABASE_URL: database.url }, teardown: database.drop };
  };
});
