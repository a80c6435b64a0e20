#pragma once
// Payment allocation (art. 6:43 and 6:44 BW, NL-RULES 3.6, MODEL.md "Money").
// Within a claim: costs, then interest, then principal (6:44 lid 1). Across the claims of a
// dossier: the claim the debtor designated first; then the claims due on the payment date before
// those not yet due; among those the oldest due date first; claims due on the same day share pro
// rata to what is open on them (6:43 lid 2). The claims of one dossier share debtor, creditor and
// interest kind, so none is "more burdensome" than another and 6:43's burden test never decides.
// What is left over is an overpayment, kept as a credit and never dropped.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "money.hpp"

namespace pinc {

struct ClaimBalance {
  std::string invoice;
  Date due_date{};
  Cents costs_cents = 0, interest_cents = 0, principal_cents = 0;
  Cents open() const { return costs_cents + interest_cents + principal_cents; }
};

struct ClaimAllocation {
  Cents to_costs_cents = 0, to_interest_cents = 0, to_principal_cents = 0;
  Cents total() const { return to_costs_cents + to_interest_cents + to_principal_cents; }
  friend bool operator==(const ClaimAllocation&, const ClaimAllocation&) = default;
};

struct Allocation {
  std::vector<ClaimAllocation> claims;  // same order as the input
  Cents overpayment_cents = 0;
};

// An unknown designated invoice is ignored (the payment is allocated as if none was named).
Allocation allocate_payment(std::span<const ClaimBalance> claims, Cents payment_cents,
                            std::optional<std::string_view> designated_invoice, Date payment_date);

// Within one claim: costs, interest, principal (6:44 lid 1); returns what was not needed.
Cents allocate_within_claim(const ClaimBalance& claim, Cents amount_cents, ClaimAllocation& out);

// total split in proportion to weights with an exact sum (largest remainder; ties to the earlier
// index). Weights >= 0; when they are all zero the split is equal.
std::vector<Cents> split_pro_rata(Cents total_cents, std::span<const Cents> weights);

}  // namespace pinc
