import { describe, expect, it } from "vitest";
import { textStream } from "./text-stream";

describe("textStream", () => {
  it("streams what is written and ends when the producer returns", async () => {
    const stream = textStream(async (write) => {
      write("a");
      await new Promise((resolve) => setTimeout(resolve, 5));
      write("b\n");
    });
    expect(await new Response(stream).text()).toBe("ab\n");
  });

  it("tells the producer once when the client goes away, and drops later writes", async () => {
    let gone = 0;
    let release!: () => void;
    const writes: boolean[] = [];
    const stream = textStream(
      async (write) => {
        write("first");
        await new Promise<void>((resolve) => (release = resolve));
        write("after");
        writes.push(true);
      },
      () => gone++,
    );
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first");
    await reader.cancel();
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The write after the cancel neither threw nor told the producer a second time.
    expect(writes).toEqual([true]);
    expect(gone).toBe(1);
  });
});
