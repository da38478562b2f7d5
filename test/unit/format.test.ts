import { describe, expect, it } from "vitest";
import {
  formatAmount,
  formatDate,
  formatPercent,
  formatPeriod,
  formatNumber,
} from "~/domain/format";

describe("Danish formats", () => {
  it("formats whole kroner with dots and kr.", () => {
    expect(formatAmount(3962000)).toBe("3.962.000 kr.");
    expect(formatAmount(0)).toBe("0 kr.");
    expect(formatAmount(-1500)).toBe("-1.500 kr.");
  });
  it("formats dates and periods in Danish", () => {
    expect(formatDate("2017-03-01")).toBe("1. marts 2017");
    expect(formatPeriod("2017-03-01", "2021-02-28")).toBe("1. marts 2017 – 28. februar 2021");
  });
  it("formats decimals and percentages with a comma", () => {
    expect(formatNumber(11.5)).toBe("11,5");
    expect(formatPercent(0.656)).toBe("65,6 %");
  });
});

describe("Danish date and time", () => {
  it("shows Copenhagen time", async () => {
    const { formatDateTime } = await import("~/domain/format");
    expect(formatDateTime("2026-11-22T10:15:00Z")).toBe("22. november 2026 kl. 11.15");
    expect(formatDateTime("2026-07-01T10:15:00Z")).toBe("1. juli 2026 kl. 12.15");
  });
});

describe("today in Denmark", () => {
  it("turns at Danish midnight", async () => {
    const { todayInDenmark } = await import("~/domain/format");
    expect(todayInDenmark(new Date("2026-11-22T22:30:00Z"))).toBe("2026-11-22");
    expect(todayInDenmark(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
  });
});
