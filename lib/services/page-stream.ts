/** How a stream of pages is written: what comes first, each page (told whether it is the first), what comes last. */
export type PageRender<Row> = { start: string; page: (rows: Row[], first: boolean) => string; end: string };

/** One JSON array of every row of every page. */
export const JSON_ARRAY: PageRender<unknown> = {
  start: "[",
  page: (rows, first) => (first ? "" : ",") + rows.map((row) => JSON.stringify(row)).join(","),
  end: "]",
};

/**
 * A stream read a page at a time as the client consumes it: memory stays flat whatever the size.
 * The first page is read before the answer starts, so that a query that cannot run (the database
 * gone, a column missing) is a 503 rather than a 200 cut short.
 */
export async function pagesStream<Row>(pages: AsyncGenerator<Row[]>, render: PageRender<Row>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let first = true;
  let ahead: IteratorResult<Row[]> | undefined = await pages.next();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (render.start) controller.enqueue(encoder.encode(render.start));
    },
    async pull(controller) {
      const { value, done } = ahead ?? (await pages.next());
      ahead = undefined;
      if (done) {
        if (render.end) controller.enqueue(encoder.encode(render.end));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(render.page(value, first)));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
