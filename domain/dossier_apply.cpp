// apply(state, event): how each event changes a dossier. Only what the event says happens here;
// every figure was decided before (dossier_decide.cpp), so replay needs nothing but the events.
#include <algorithm>
#include <cassert>

#include "dossier.hpp"
#include "overloaded.hpp"

namespace pinc {

namespace {

Stage stage_after(StepAction action) {
  switch (action) {
    case StepAction::reminder:
      return Stage::reminder;
    case StepAction::call:
      return Stage::call;
    case StepAction::final_notice:
      return Stage::final_notice;
    case StepAction::deadline:
      return Stage::deadline;
    case StepAction::hand_over:
      return Stage::handed_over;
  }
  return Stage::opened;
}

void end_flow(DossierState& state) {
  state.schedule.pending.reset();
  state.schedule.call_task_open = false;
  state.side = std::monostate{};
}

}  // namespace

void apply(DossierState& state, const Event& event) {
  state.next_event_seq = event.seq + 1;
  std::visit(
      overloaded{
          [&](const DossierOpened& e) {
            state.created = true;
            state.id = e.id;
            state.creditor = e.creditor;
            state.strategy = e.strategy;
            state.payment_reference = e.payment_reference;
            state.debtor = e.debtor;
            state.invoices = e.invoices;
            state.opened = event.date;
            state.stage = Stage::opened;
          },
          [&](const InvoiceAdded& e) { state.invoices.push_back(e.invoice); },
          [&](const StepPlanned& e) { state.schedule.pending = e.pending; },
          [&](const StepPerformed& e) {
            state.stage = stage_after(e.action);
            state.schedule.last = PerformedStep{e.index, event.date, e.term};
            state.schedule.pending.reset();
            if (e.action == StepAction::call) {
              state.schedule.call_task_open = true;
              state.schedule.call_task_due = event.date;
            }
            if (e.action == StepAction::final_notice && e.term)
              state.schedule.costs_due_on = e.term->costs_from;
            if (e.action == StepAction::hand_over) end_flow(state);
          },
          [&](const CallTaskClosed&) { state.schedule.call_task_open = false; },
          [&](const TermExtended& e) {
            if (state.schedule.last) state.schedule.last->term = e.term;
            if (!state.schedule.costs_charged) state.schedule.costs_due_on = e.term.costs_from;
          },
          [&](const AdminCostsCharged& e) {
            for (std::size_t i = 0; i < e.per_invoice_cents.size(); ++i)
              state.invoices[i].costs_cents += e.per_invoice_cents[i];
            state.admin_costs_cents += e.costs_cents;
          },
          [&](const CostsCharged& e) {
            for (std::size_t i = 0; i < e.per_invoice_cents.size(); ++i)
              state.invoices[i].costs_cents += e.per_invoice_cents[i];
            state.costs_charged_cents += e.costs_cents + e.vat_cents;
            state.schedule.costs_charged = true;
          },
          [&](const InterestCharged& e) {
            for (std::size_t i = 0; i < e.per_invoice_cents.size(); ++i) {
              state.invoices[i].interest_cents += e.per_invoice_cents[i];
              state.interest_charged_cents += e.per_invoice_cents[i];
            }
          },
          [&](const ClaimFixed& e) { state.claim = e.claim; },
          [&](const PaymentApplied& e) {
            for (std::size_t i = 0; i < e.payment.allocation.size(); ++i) {
              Invoice& invoice = state.invoices[i];
              invoice.costs_cents -= e.payment.allocation[i].to_costs_cents;
              invoice.interest_cents -= e.payment.allocation[i].to_interest_cents;
              invoice.principal_cents -= e.payment.allocation[i].to_principal_cents;
            }
            state.credit_cents += e.payment.to_credit_cents;
            state.payments.push_back(e.payment);
          },
          [&](const PaymentKeptForRefund& e) {
            state.refund_due_cents += e.amount_cents;
            PaymentRecord record;
            record.id = e.payment_id;
            record.date = event.date;
            record.amount_cents = e.amount_cents;
            record.source = e.source;
            record.for_refund = true;
            state.payments.push_back(std::move(record));
          },
          [&](const PaymentReversed& e) {
            auto found = std::find_if(state.payments.begin(), state.payments.end(),
                                      [&](const PaymentRecord& p) { return p.id == e.payment_id; });
            assert(found != state.payments.end() && !found->reversed);
            if (found->for_refund) {
              state.refund_due_cents -= found->amount_cents;
            } else {
              for (std::size_t i = 0; i < found->allocation.size(); ++i) {
                Invoice& invoice = state.invoices[i];
                invoice.costs_cents += found->allocation[i].to_costs_cents;
                invoice.interest_cents += found->allocation[i].to_interest_cents;
                invoice.principal_cents += found->allocation[i].to_principal_cents;
              }
              state.credit_cents -= found->to_credit_cents;
            }
            found->reversed = true;
          },
          [&](const DossierPaid&) {
            state.stage_before_paid = state.stage;
            state.stage = Stage::paid;
            end_flow(state);
          },
          [&](const DossierReopened&) { state.stage = state.stage_before_paid; },
          [&](const CallLogged&) {},
          [&](const PromiseMade& e) {
            state.side = Promised{e.by, e.amount_cents, paid_cents(state)};
          },
          [&](const PromiseKept&) { state.side = std::monostate{}; },
          [&](const PromiseBroken&) { state.side = std::monostate{}; },
          [&](const ArrangementMade& e) {
            state.side = Arranged{e.installments, paid_cents(state), e.grace_days, 0};
          },
          [&](const InstallmentsChecked& e) { std::get<Arranged>(state.side).checked = e.checked; },
          [&](const ArrangementBroken&) { state.side = std::monostate{}; },
          [&](const DisputeRaised& e) {
            state.side = Disputed{e.reason, event.date};
          },
          [&](const DisputeResolved& e) {
            state.side = std::monostate{};
            for (std::size_t i = 0; i < e.write_down_per_invoice_cents.size(); ++i) {
              state.invoices[i].principal_cents -= e.write_down_per_invoice_cents[i];
              state.invoices[i].amount_cents -= e.write_down_per_invoice_cents[i];
              state.written_down_cents += e.write_down_per_invoice_cents[i];
            }
          },
          [&](const PauseStarted& e) { state.side = Paused{e.until}; },
          [&](const PauseEnded&) { state.side = std::monostate{}; },
          [&](const Withdrawn&) {
            state.stage = Stage::withdrawn;
            end_flow(state);
          },
          [&](const WrittenOff&) {
            state.stage = Stage::written_off;
            end_flow(state);
          },
          [&](const NoteAdded&) {},
      },
      event.payload);
}

std::optional<Date> next_timer(const DossierState& state) {
  if (!state.created || is_closed(state.stage)) return std::nullopt;
  return std::visit(
      overloaded{
          [&](const std::monostate&) -> std::optional<Date> {
            std::optional<Date> due;
            const Schedule& schedule = state.schedule;
            if (schedule.pending && !schedule.pending->waits_for_call) due = schedule.pending->date;
            if (schedule.costs_due_on && !schedule.costs_charged)
              due = due ? std::min(*due, *schedule.costs_due_on) : *schedule.costs_due_on;
            return due;
          },
          [](const Promised& promised) -> std::optional<Date> { return promised.by + Days{1}; },
          [](const Arranged& arranged) -> std::optional<Date> {
            if (arranged.checked >= arranged.installments.size()) return std::nullopt;
            return arranged.installments[arranged.checked].due + Days{arranged.grace_days + 1};
          },
          [](const Disputed&) -> std::optional<Date> { return std::nullopt; },
          [](const Paused& paused) -> std::optional<Date> { return paused.until; },
      },
      state.side);
}

}  // namespace pinc
