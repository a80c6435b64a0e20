#include "collection_costs.hpp"

#include <algorithm>
#include <string>

namespace pinc {

namespace {

// The bands of Besluit BIK art. 2 lid 1: upper bound of the slice in cents and the rate in
// tenths of a percent (0.5% = 5), so every product is an integer.
struct Band {
  Cents up_to_cents;
  std::int64_t rate_per_mille;
};
constexpr Band kBands[] = {
    {250000, 150},   // first 2,500: 15%
    {500000, 100},   // next 2,500: 10%
    {1000000, 50},   // next 5,000: 5%
    {20000000, 10},  // next 190,000: 1%
    {INT64_MAX, 5},  // above 200,000: 0.5%
};

}  // namespace

Cents statutory_costs_for_basis(Cents basis_cents) {
  if (basis_cents <= 0) return 0;
  // Sum of slice x rate in cent-per-mille units: exact; rounded once at the end (NL-RULES 1.5).
  __int128 sum = 0;
  Cents lower = 0;
  for (const Band& band : kBands) {
    if (basis_cents <= lower) break;
    const Cents slice = std::min(basis_cents, band.up_to_cents) - lower;
    sum += static_cast<__int128>(slice) * band.rate_per_mille;
    lower = band.up_to_cents;
  }
  const Cents rounded = static_cast<Cents>((sum * 2 + 1000) / 2000);  // half-up, /1000
  return std::clamp(rounded, kStatutoryCostsMinimumCents, kStatutoryCostsMaximumCents);
}

Result<CostsResult> statutory_collection_costs(std::span<const Cents> claims_cents,
                                               const CostsOptions& options) {
  if (claims_cents.empty()) return make_error("claims", "at least one claim is needed");
  CostsResult result;
  for (std::size_t i = 0; i < claims_cents.size(); ++i) {
    if (claims_cents[i] < 0) return make_error("claim " + std::to_string(i + 1), "is negative");
    const auto sum = checked_add(result.basis_cents, claims_cents[i]);
    if (!sum) return make_error("claims", "the sum of the claims is too large");
    result.basis_cents = *sum;
  }
  if (options.paid_in_term_cents < 0 || options.capitalised_interest_cents < 0)
    return make_error("claims", "payments and capitalised interest cannot be negative");
  if (options.separate) {
    for (Cents claim : claims_cents) result.costs_cents += statutory_costs_for_basis(claim);
  } else {
    result.basis_cents = std::max<Cents>(
        0, result.basis_cents - options.paid_in_term_cents + options.capitalised_interest_cents);
    result.costs_cents = statutory_costs_for_basis(result.basis_cents);
  }
  if (options.vat_percent_hundredths) {
    if (*options.vat_percent_hundredths < 0 || *options.vat_percent_hundredths > 10000)
      return make_error("vat", "must be between 0% and 100%");
    result.vat_cents =
        multiply_ratio_half_up(result.costs_cents, *options.vat_percent_hundredths, 10000);
  }
  result.total_cents = result.costs_cents + result.vat_cents;
  return result;
}

}  // namespace pinc
