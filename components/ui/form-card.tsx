import type { ReactNode } from "react";
import { Card } from "./card";

/**
 * A titled card around one form that the browser does not validate (the form's own checks show
 * their messages); `onSubmit` runs without the page reloading. `after` follows the form (what it
 * created, shown once).
 */
export function FormCard({ id, title, onSubmit, children, after }: { id: string; title: string; onSubmit: () => void; children: ReactNode; after?: ReactNode }) {
  return (
    <Card as="section" aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-fg">
        {title}
      </h2>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {after}
    </Card>
  );
}
