import type { Metadata } from "next";
import { OfferForm } from "@/components/offers/offer-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New offer" };

export default function NewOfferPage() {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="New offer"
        description="Leads are scored against what you sell: its name, what it does for customers, and who it is for."
      />
      <Card>
        <OfferForm />
      </Card>
    </div>
  );
}
