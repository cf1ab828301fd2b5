import { ButtonLink } from "@/components/ui/button";
import { ProductMark } from "@/components/shell/product-mark";

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-center gap-4 px-4 py-20 text-center">
      <ProductMark className="h-10 w-10" />
      <h1 className="text-2xl font-semibold text-fg">Page not found</h1>
      <p className="text-sm text-fg-muted">There is nothing at this address. Your offers, uploads and results are where you left them.</p>
      <ButtonLink href="/">Go to results</ButtonLink>
    </main>
  );
}
