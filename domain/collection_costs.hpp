#pragma once
// Statutory extra-judicial collection costs (BIK): the band scale of Besluit BIK art. 2 with its
// minimum and maximum, summing of claims (art. 6:96 lid 7 BW), the VAT option (art. 2 lid 3) and
// the rounding convention of NL-RULES 1.5.
#include <cstdint>
#include <optional>
#include <span>

#include "money.hpp"
#include "result.hpp"

namespace pinc {

inline constexpr Cents kStatutoryCostsMinimumCents = 4000;    // Besluit BIK art. 2 lid 2
inline constexpr Cents kStatutoryCostsMaximumCents = 677500;  // art. 2 lid 1, last band

// The costs on one basis (hoofdsom): band sum computed exactly, rounded once half-up to cents,
// clamped to [40.00, 6775.00]. A basis of zero or less carries no costs: the minimum is owed on a
// claim, and there is none.
Cents statutory_costs_for_basis(Cents basis_cents);

struct CostsOptions {
  bool separate = false;         // each claim costed on its own (reminded in separate letters)
  Cents paid_in_term_cents = 0;  // paid inside the 14-day term: off the basis (HR 2016)
  Cents capitalised_interest_cents = 0;  // interest added after a full interest-year (NL-RULES 1.3)
  // Raise by VAT when the creditor cannot deduct it and declared so (art. 2 lid 3); in hundredths
  // of a percent (2100 = 21%).
  std::optional<std::int32_t> vat_percent_hundredths;
};

struct CostsResult {
  Cents basis_cents = 0;  // what was costed (for `separate`: the plain sum, informational)
  Cents costs_cents = 0;  // excluding VAT
  Cents vat_cents = 0;
  Cents total_cents = 0;
};

Result<CostsResult> statutory_collection_costs(std::span<const Cents> claims_cents,
                                               const CostsOptions& options = {});

}  // namespace pinc
