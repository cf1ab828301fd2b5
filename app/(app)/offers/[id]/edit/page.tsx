import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OfferForm } from "@/components/offers/offer-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { findOffer } from "@/db/queries/offers";
import { asJson } from "@/lib/api/client";
import { requirePageSession } from "@/lib/auth/page";
import { idPathSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Edit offer" };

export default async function EditOfferPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idPathSchema.safeParse(await params);
  const { principal } = await requirePageSession();
  const offer = parsed.success ? await findOffer(principal.scope, parsed.data.id) : undefined;
  if (!offer) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title={`Edit offer #${offer.id}`}
        description="Scores against this offer are marked stale when you save; score its leads again to bring them up to date."
      />
      <Card>
        <OfferForm offer={asJson(offer)} />
      </Card>
    </div>
  );
}
