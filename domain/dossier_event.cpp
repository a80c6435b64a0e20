#include "dossier_event.hpp"

#include <array>

namespace pinc {

std::string_view event_name(const EventPayload& payload) {
  static constexpr std::array<std::string_view, std::variant_size_v<EventPayload>> kNames = {
      "opened",
      "invoice_added",
      "step_planned",
      "step_performed",
      "call_task_closed",
      "admin_costs_charged",
      "costs_charged",
      "interest_charged",
      "claim_fixed",
      "payment_applied",
      "payment_kept_for_refund",
      "payment_reversed",
      "paid",
      "reopened",
      "call_logged",
      "promise_made",
      "promise_kept",
      "promise_broken",
      "arrangement_made",
      "installments_checked",
      "arrangement_broken",
      "dispute_raised",
      "dispute_resolved",
      "pause_started",
      "pause_ended",
      "withdrawn",
      "written_off",
      "note_added",
      "term_extended"};
  return kNames[payload.index()];
}

std::string_view to_string(DocumentKind kind) {
  static constexpr std::array<std::string_view, 5> kNames = {
      "reminder", "final_notice", "statutory_letter", "promise_confirmation",
      "arrangement_confirmation"};
  return kNames[static_cast<std::size_t>(kind)];
}

}  // namespace pinc
