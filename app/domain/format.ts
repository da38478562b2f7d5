/**
 * Danish formats for amounts, dates, periods and percentages, used by the screen and by Word.
 * Amounts are whole kroner: `3.962.000 kr.`; dates `1. marts 2017`.
 */
import { format, parseISO } from "date-fns";
import { da } from "date-fns/locale/da";

const integerFormat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat("da-DK", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** 3962000 → "3.962.000 kr." */
export function formatAmount(kroner: number): string {
  return `${integerFormat.format(kroner)} kr.`;
}

/** 3962000 → "3.962.000" */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** 11.5 → "11,5" */
export function formatNumber(value: number): string {
  return decimalFormat.format(value);
}

/** 0.656 → "65,6 %" */
export function formatPercent(fraction: number): string {
  return percentFormat.format(fraction).replace(/\u00a0/g, " ");
}

function toDate(value: string | Date): Date {
  return typeof value === "string" ? parseISO(value) : value;
}

/** "2017-03-01" → "1. marts 2017" */
export function formatDate(value: string | Date): string {
  return format(toDate(value), "d. MMMM yyyy", { locale: da });
}

const danishDate = new Intl.DateTimeFormat("da-DK", {
  timeZone: "Europe/Copenhagen",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const danishTime = new Intl.DateTimeFormat("da-DK", {
  timeZone: "Europe/Copenhagen",
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * "2026-11-22T10:15:00Z" → "22. november 2026 kl. 11.15": Danish time whatever the server's or
 * browser's zone, so the server's HTML and the browser's render agree.
 */
export function formatDateTime(value: string | Date): string {
  const date = toDate(value);
  return `${danishDate.format(date)} kl. ${danishTime.format(date).replace(":", ".")}`;
}

/** "1. marts 2017 – 28. februar 2021" */
export function formatPeriod(start: string, end: string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

const danishIsoDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Denmark as yyyy-MM-dd (deadlines turn at Danish midnight, not UTC's). */
export function todayInDenmark(now: Date = new Date()): string {
  return danishIsoDate.format(now);
}
