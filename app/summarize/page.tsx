import type { Metadata } from "next";
import { HowItWorks } from "@/components/summarize/how-it-works";
import { describeSchemaFields } from "@/components/summarize/schema-fields";
import { Summarize } from "@/components/summarize/summarize";
import { devToolsEnabled } from "@/lib/ai/fault-injection";
import { summarizeFeature } from "@/lib/features/summarize";

export const metadata: Metadata = {
  title: "Summarize",
  description: "Paste text, get a schema-checked summary with tags and a confidence score.",
};

/** "/summarize": the smallest complete feature (lib/features/summarize.ts + app/api/summarize/route.ts). */
export default function SummarizePage() {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto grid w-full max-w-5xl gap-8 px-4 py-6 sm:px-6 sm:py-10 lg:grid-cols-[minmax(0,1fr)_19rem] lg:gap-10">
        <Summarize maxInputChars={summarizeFeature.maxInputChars} />
        <HowItWorks
          fields={describeSchemaFields(summarizeFeature.schema)}
          maxInputChars={summarizeFeature.maxInputChars}
          maxOutputTokens={summarizeFeature.maxOutputTokens}
          devTools={devToolsEnabled()}
        />
      </div>
    </div>
  );
}
