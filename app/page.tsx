import { NewChat } from "@/components/chat/new-chat";
import { replyFeature } from "@/lib/features/reply";

/** "/": a new, empty chat (the client picks its id). */
export default function NewChatPage() {
  return <NewChat maxInputChars={replyFeature.maxInputChars} />;
}
