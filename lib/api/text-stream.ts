/**
 * A streamed text body that `produce` writes until it returns (the stream then ends); it turns its
 * own failures into a last line of its format, so it never rejects. Writes after the client went
 * away are dropped without an error, and `gone` is called once, so that the producer can stop.
 */
export function textStream(produce: (write: (text: string) => void) => Promise<void>, gone?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    gone?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      void produce(write).finally(() => {
        if (open) controller.close();
        open = false;
      });
    },
    cancel: close,
  });
}
