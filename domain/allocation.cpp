#include "allocation.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace pinc {

Cents allocate_within_claim(const ClaimBalance& claim, Cents amount_cents, ClaimAllocation& out) {
  auto take = [&](Cents open, Cents already, Cents& into) {
    const Cents portion = std::clamp<Cents>(open - already, 0, amount_cents);
    into += portion;
    amount_cents -= portion;
  };
  take(claim.costs_cents, out.to_costs_cents, out.to_costs_cents);
  take(claim.interest_cents, out.to_interest_cents, out.to_interest_cents);
  take(claim.principal_cents, out.to_principal_cents, out.to_principal_cents);
  return amount_cents;
}

std::vector<Cents> split_pro_rata(Cents total_cents, std::span<const Cents> weights) {
  std::vector<Cents> shares(weights.size(), 0);
  if (weights.empty()) return shares;
  __int128 weight_sum = 0;
  for (Cents w : weights) {
    assert(w >= 0);
    weight_sum += w;
  }
  std::vector<__int128> remainders(weights.size(), 0);
  Cents given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const __int128 numerator =
        static_cast<__int128>(total_cents) * (weight_sum == 0 ? 1 : weights[i]);
    const __int128 denominator =
        weight_sum == 0 ? static_cast<__int128>(weights.size()) : weight_sum;
    shares[i] = static_cast<Cents>(numerator / denominator);
    remainders[i] = numerator % denominator;
    given += shares[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < total_cents; ++k, ++given) ++shares[order[k % order.size()]];
  return shares;
}

Allocation allocate_payment(std::span<const ClaimBalance> claims, Cents payment_cents,
                            std::optional<std::string_view> designated_invoice, Date payment_date) {
  Allocation allocation;
  allocation.claims.resize(claims.size());
  Cents left = payment_cents;

  // 1. The debtor's designation (6:43 lid 1).
  if (designated_invoice)
    for (std::size_t i = 0; i < claims.size() && left > 0; ++i)
      if (claims[i].invoice == *designated_invoice)
        left = allocate_within_claim(claims[i], left, allocation.claims[i]);

  // 2. Due claims before those not yet due, oldest due date first; equal dates pro rata.
  std::vector<std::size_t> order(claims.size());
  std::iota(order.begin(), order.end(), 0);
  auto not_yet_due = [&](std::size_t i) { return claims[i].due_date >= payment_date; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (not_yet_due(a) != not_yet_due(b)) return !not_yet_due(a);
    return claims[a].due_date < claims[b].due_date;
  });
  for (std::size_t start = 0; start < order.size() && left > 0;) {
    std::size_t end = start;
    while (end < order.size() && claims[order[end]].due_date == claims[order[start]].due_date)
      ++end;
    // Spread over what is still open on each claim of the group; repeat, since a claim may need
    // less than its share when costs and interest differ.
    while (left > 0) {
      std::vector<Cents> open;
      Cents group_open = 0;
      for (std::size_t k = start; k < end; ++k) {
        const std::size_t i = order[k];
        open.push_back(claims[i].open() - allocation.claims[i].total());
        group_open += open.back();
      }
      if (group_open == 0) break;
      const std::vector<Cents> shares = split_pro_rata(std::min(left, group_open), open);
      for (std::size_t k = start; k < end; ++k) {
        const std::size_t i = order[k];
        const Cents share = shares[k - start];
        left -= share - allocate_within_claim(claims[i], share, allocation.claims[i]);
      }
    }
    start = end;
  }
  allocation.overpayment_cents = left;
  return allocation;
}

}  // namespace pinc
