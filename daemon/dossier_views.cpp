#include "dossier_views.hpp"

#include "rpc_support.hpp"

namespace pinc {

using rpc::day;

std::pair<std::string, std::optional<Date>> next_action(const DossierState& state) {
  if (is_closed(state.stage)) return {"", std::nullopt};
  if (const auto* promised = std::get_if<Promised>(&state.side))
    return {"promise_due", promised->by};
  if (const auto* arranged = std::get_if<Arranged>(&state.side)) {
    if (arranged->checked < arranged->installments.size())
      return {"installment_due", arranged->installments[arranged->checked].due};
    return {"arrangement_ends", std::nullopt};
  }
  if (std::holds_alternative<Disputed>(state.side)) return {"dispute_to_resolve", std::nullopt};
  if (const auto* paused = std::get_if<Paused>(&state.side)) return {"pause_ends", paused->until};
  if (!state.schedule.pending) return {"", std::nullopt};
  return {state.schedule.pending->name, state.schedule.pending->date};
}

void write_summary(schema::DossierSummary::Builder out, const DossierState& state) {
  out.setId(state.id);
  out.setCreditor(state.creditor);
  out.setDebtorRef(state.debtor.ref);
  out.setDebtorName(state.debtor.name);
  out.setStage(std::string(display_stage(state)));
  out.setOpenCents(open_cents(state));
  const auto [next, on] = next_action(state);
  out.setNextStep(next);
  if (on) out.setNextDate(day(*on));
  out.setPaymentReference(state.payment_reference);
  out.setDueDate(day(latest_due_date(state)));
}

std::vector<std::pair<std::string, Date>> planned_schedule(const DossierState& state,
                                                           const CreditorContext* creditor,
                                                           const Calendar& calendar) {
  std::vector<std::pair<std::string, Date>> steps;
  if (!creditor || !state.schedule.pending || is_closed(state.stage)) return steps;
  const PendingStep& pending = *state.schedule.pending;
  steps.emplace_back(pending.name, pending.date);
  const ScheduleInput input{latest_due_date(state), state.opened, state.debtor.kind,
                            !state.debtor.email.empty(), open_cents(state)};
  std::optional<Term> term = state.schedule.last ? state.schedule.last->term : std::nullopt;
  std::optional<PerformedStep> previous = PerformedStep{pending.index, pending.date, term};
  if (pending.action == StepAction::final_notice) {
    const StrategyStep& step = creditor->strategy.steps.at(pending.index);
    previous->term = statutory_term(
        calendar, pending.date, resolve_channels(step.channels, input.has_email), step.term_days);
  }
  for (std::size_t guard = 0; guard < creditor->strategy.steps.size(); ++guard) {
    auto next = plan_next(creditor->strategy, calendar, input, previous);
    if (!next || !*next) break;
    steps.emplace_back((*next)->name, (*next)->date);
    previous = PerformedStep{(*next)->index, (*next)->date, (*next)->term};
  }
  return steps;
}

}  // namespace pinc
