import { describe, expect, it } from "vitest";
import { bucketLabel, bucketTitle, formatDollars, formatDollarsCompact, formatMs, formatPercent } from "./format";

describe("usage formatting", () => {
  it("formats micro-dollars exactly, with four decimals below a cent", () => {
    expect(formatDollars(0)).toBe("$0.00");
    expect(formatDollars(42)).toBe("<$0.0001");
    expect(formatDollars(150)).toBe("$0.0002");
    expect(formatDollars(4_200)).toBe("$0.0042");
    expect(formatDollars(10_000)).toBe("$0.01");
    expect(formatDollars(1_234_567_890)).toBe("$1,234.57");
    expect(formatDollars(9_007_199_254_740_991)).toBe("$9,007,199,254.74");
    expect(formatDollarsCompact(1_500_000_000)).toBe("$1.5K");
    expect(formatDollarsCompact(420_000)).toBe("$0.42");
    expect(formatDollarsCompact(3_000)).toBe("$0.003");
    expect(formatDollarsCompact(250)).toBe("$0.00025");
  });

  it("formats durations, shares and UTC buckets", () => {
    expect(formatMs(840)).toBe("840 ms");
    expect(formatMs(2_345)).toBe("2.3 s");
    expect(formatMs(21_400)).toBe("21 s");
    expect(formatPercent(1, 3)).toBe("33%");
    expect(formatPercent(1, 2000)).toBe("<0.1%");
    expect(formatPercent(0, 0)).toBe("—");
    expect(bucketLabel("2026-11-03T00:00:00.000Z", "day")).toBe("Nov 3");
    expect(bucketLabel("2026-11-03T14:00:00.000Z", "hour")).toBe("14:00");
    expect(bucketTitle("2026-11-03T23:00:00.000Z", "hour")).toBe("Nov 3, 23:00–00:00 UTC");
    expect(bucketTitle("2026-11-03T00:00:00.000Z", "day")).toBe("Tue, Nov 3 (UTC)");
  });
});
