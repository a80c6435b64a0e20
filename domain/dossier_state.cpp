#include "dossier_state.hpp"

#include <algorithm>
#include <array>

namespace pinc {

namespace {
constexpr std::array<std::string_view, 9> kStageNames = {
    "opened",      "reminder", "call",      "final_notice", "deadline",
    "handed_over", "paid",     "withdrawn", "written_off"};
}

std::string_view to_string(Stage stage) {
  return kStageNames[static_cast<std::size_t>(stage)];
}

Result<Stage> parse_stage(std::string_view text, std::string_view field) {
  for (Stage stage : kAllStages)
    if (to_string(stage) == text) return stage;
  return make_error(std::string(field), "unknown stage '" + std::string(text) +
                                            "' (expected one of opened, reminder, call, "
                                            "final_notice, deadline, handed_over, paid, "
                                            "withdrawn, written_off)");
}

std::string_view side_state_name(const SideState& side) {
  static constexpr std::array<std::string_view, 5> kNames = {"", "promised", "arranged", "disputed",
                                                             "paused"};
  return kNames[side.index()];
}

std::string_view display_stage(const DossierState& state) {
  const std::string_view side = side_state_name(state.side);
  return side.empty() ? to_string(state.stage) : side;
}

Cents principal_open_cents(const DossierState& state) {
  Cents total = 0;
  for (const Invoice& invoice : state.invoices) total += invoice.principal_cents;
  return total;
}

Cents open_cents(const DossierState& state) {
  Cents total = 0;
  for (const Invoice& invoice : state.invoices)
    total += invoice.principal_cents + invoice.costs_cents + invoice.interest_cents;
  return total;
}

Cents paid_cents(const DossierState& state) {
  Cents total = 0;
  for (const PaymentRecord& payment : state.payments)
    if (!payment.reversed && !payment.for_refund)
      for (const ClaimAllocation& share : payment.allocation) total += share.total();
  return total;
}

Date latest_due_date(const DossierState& state) {
  Date latest{};
  for (const Invoice& invoice : state.invoices) latest = std::max(latest, invoice.due_date);
  return latest;
}

}  // namespace pinc
