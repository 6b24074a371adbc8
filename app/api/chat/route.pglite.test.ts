import { describeChatApi } from "./chat-api.suite";

describeChatApi("PGlite", async () => async () => ({ env: { PGLITE_DIR: "memory://" } }));
