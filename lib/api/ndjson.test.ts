import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/support/logs";
import { ndjsonResponse } from "./ndjson";

const lines = async (response: Response) => (await response.text()).trim().split("\n").map((line) => JSON.parse(line));

describe("ndjsonResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("streams each event as one JSON line", async () => {
    const response = ndjsonResponse<{ type: string; n: number }>(async (send) => {
      send({ type: "progress", n: 1 });
      send({ type: "done", n: 2 });
    });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(await lines(response)).toEqual([{ type: "progress", n: 1 }, { type: "done", n: 2 }]);
  });

  it.each([
    {
      case: "a lost database",
      error: Object.assign(new Error("terminating connection"), { code: "57P01" }),
      last: { type: "error", error: "The database is not available right now. Try again shortly. Scores saved so far are kept; run it again to finish.", code: "database_unavailable" },
    },
    {
      case: "anything else",
      error: new TypeError("internals"),
      last: { type: "error", error: "Something went wrong on our side. Please try again. Scores saved so far are kept; run it again to finish.", code: "internal_error" },
    },
  ])("ends a failed stream with an error line for $case, mapped as a response would be", async ({ error, last }) => {
    captureLogs();
    const response = ndjsonResponse<{ type: "progress" }>(async (send) => {
      send({ type: "progress" });
      throw error;
    });
    expect(await lines(response)).toEqual([{ type: "progress" }, last]);
  });
});
