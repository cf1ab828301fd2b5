import { connection } from "next/server";
import { ProductMark } from "@/components/shell/product-mark";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request: each answer carries its own script nonce.
  await connection();
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <p className="flex items-center gap-2 text-lg font-semibold tracking-tight text-fg">
        <ProductMark />
        IntentScore
      </p>
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-xs">{children}</div>
    </main>
  );
}
