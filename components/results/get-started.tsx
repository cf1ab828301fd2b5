import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { plural } from "../ui/format";

type Step = { title: string; done: string | null; action?: { href: string; label: string }; hint: string };

/** The first-run checklist: what is done, and the one next step in the primary colour. */
export function GetStarted({ offerCount, leadCount }: { offerCount: number; leadCount: number }) {
  const steps: Step[] = [
    {
      title: "Describe what you sell",
      done: offerCount > 0 ? plural(offerCount, "offer") : null,
      action: { href: "/offers/new", label: "Create an offer" },
      hint: "Its value propositions and ideal customers are what leads are scored against.",
    },
    {
      title: "Upload your leads",
      done: leadCount > 0 ? plural(leadCount, "lead") : null,
      action: { href: "/imports", label: "Upload a CSV" },
      hint: "A CSV with name, role, company, industry, location and linkedin_bio columns.",
    },
    { title: "Score them", done: null, hint: "Press Score leads below; each lead gets 0–100 with its reasons." },
  ];
  const next = steps.findIndex((step) => !step.done);

  return (
    <Card as="section" aria-labelledby="get-started-heading">
      <h2 id="get-started-heading" className="text-base font-semibold text-fg">
        Get started
      </h2>
      <ol className="mt-4 grid gap-4 md:grid-cols-3">
        {steps.map((step, index) => (
          <li key={step.title} className="flex gap-3">
            <span
              aria-hidden
              className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                step.done ? "bg-primary text-on-primary" : index === next ? "text-accent ring-2 ring-primary ring-inset" : "bg-surface-muted text-fg-muted"
              }`}
            >
              {step.done ? "✓" : index + 1}
            </span>
            <div className="min-w-0 space-y-1">
              <p className="text-sm font-medium text-fg">
                {step.title}
                {step.done && <span className="font-normal text-fg-muted"> — done ({step.done})</span>}
              </p>
              <p className="text-sm text-fg-muted">{step.hint}</p>
              {step.action && !step.done && (
                <ButtonLink href={step.action.href} variant={index === next ? "primary" : "secondary"} size="sm" className="mt-1">
                  {step.action.label}
                </ButtonLink>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
