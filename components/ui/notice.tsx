type Tone = "info" | "success" | "warning" | "danger";

const TONES: Record<Tone, string> = {
  info: "bg-info-bg text-info-fg",
  success: "bg-success-bg text-success-fg",
  warning: "bg-warning-bg text-warning-fg",
  danger: "bg-danger-bg text-danger-fg",
};

/** A tinted message box. Errors are announced (`role="alert"`); other tones are plain text. */
export function Notice({ tone, children, className = "" }: { tone: Tone; children: React.ReactNode; className?: string }) {
  return (
    <div role={tone === "danger" ? "alert" : undefined} className={`rounded-control p-3 text-sm ${TONES[tone]} ${className}`}>
      {children}
    </div>
  );
}
