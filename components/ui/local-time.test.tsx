import { renderToString } from "react-dom/server";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { LocalTime } from "./local-time";

describe("LocalTime", () => {
  it("renders UTC on the server, with the instant in dateTime for the browser to localize", () => {
    const html = renderToString(<LocalTime iso="2026-09-14T21:05:00.000Z" />);
    expect(html).toBe('<time dateTime="2026-09-14T21:05:00.000Z">Sep 14, 2026, 9:05 PM UTC</time>');
    expect(renderToString(<LocalTime iso="2026-09-14T23:30:00.000Z" dateOnly />)).toContain(">Sep 14, 2026 UTC<");
  });

  it("makes each formatter once, not once per row", async () => {
    vi.resetModules();
    const { LocalTime } = await import("./local-time");
    const original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = new Proxy(original, { construct: (target, args) => (made++, Reflect.construct(target, args)) });
    onTestFinished(() => {
      Intl.DateTimeFormat = original;
    });
    const rows = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2026, 8, 1, 0, i)).toISOString());
    const html = renderToString(
      <ol>
        {rows.map((iso) => (
          <li key={iso}>
            <LocalTime iso={iso} />
            <LocalTime iso={iso} dateOnly />
          </li>
        ))}
      </ol>,
    );
    expect(html).toContain("Sep 1, 2026, 3:19 AM UTC");
    expect(made).toBe(2); // date and date-time, in UTC
  });
});
