"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

type Zone = "local" | "utc";

// Building an Intl.DateTimeFormat costs far more than formatting with one, and lists show a time on
// every row: one formatter per (locale, options), made on first use and kept (at most four).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(dateOnly: boolean, zone: Zone): Intl.DateTimeFormat {
  const key = `${zone}:${dateOnly ? "date" : "date-time"}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions = dateOnly ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
    // Local: the reader's own locale and zone. UTC: a fixed locale, so server and hydration agree.
    cached =
      zone === "local" ? new Intl.DateTimeFormat(undefined, options) : new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * Shows a UTC instant in the reader's own time zone. The server renders UTC (it cannot know the
 * zone); the browser swaps in local time after hydration.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const text = useSyncExternalStore(
    subscribe,
    () => formatter(dateOnly, "local").format(new Date(iso)),
    () => `${formatter(dateOnly, "utc").format(new Date(iso))} UTC`,
  );
  return <time dateTime={iso}>{text}</time>;
}
