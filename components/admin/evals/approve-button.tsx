"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ApiErrorBody } from "@/lib/chat/ui-message";

/**
 * Approves a run as the baseline (POST …/approve), then re-renders the page
 * so regressions are counted against it. Errors say what the server said.
 */
export function ApproveButton({ runId }: { runId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const busy = pending || refreshing;

  const approve = async () => {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/admin/evals/runs/${encodeURIComponent(runId)}/approve`, { method: "POST" });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
        setError(body?.error.message ?? `The server answered ${response.status}.`);
        return;
      }
      startRefresh(() => router.refresh());
    } catch {
      setError("Could not reach Ballast. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="primary" onClick={approve} disabled={busy} data-testid="eval-approve">
        {busy ? "Approving…" : "Approve as baseline"}
      </Button>
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
