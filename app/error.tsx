"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-8">
      <div role="alert" className="rounded-card bg-danger-bg p-6 text-danger-fg">
        <h1 className="text-lg font-semibold">IntentScore could not load</h1>
        <p className="mt-2 text-sm">The server could not reach its database. Check that it is running, then try again.</p>
        <Button onClick={reset} className="mt-4">
          Try again
        </Button>
      </div>
    </main>
  );
}
