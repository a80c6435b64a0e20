// decide(state, input, today): what a dossier does with an input. Each handler checks that the
// dossier's stage accepts the input, then emits events; every event is applied to a working copy at
// once, so later rules see its effect (a payment that settles everything ends the flow before a
// step could be planned). Effects are attached to the event that caused them.
#include <algorithm>
#include <numeric>

#include "collection_costs.hpp"
#include "dossier.hpp"
#include "overloaded.hpp"

namespace pinc {

namespace {

Error not_accepted(const DossierState& state, const InputPayload& input,
                   std::string_view why = {}) {
  std::string message = "stage '" + std::string(display_stage(state)) + "' does not accept '" +
                        std::string(input_name(input)) + "'";
  if (!why.empty()) message += ": " + std::string(why);
  return make_error("input", std::move(message));
}

// Steps that may be passed over when the dossier catches up after downtime. A final notice never
// is: its term is what makes statutory costs and the hand-over lawful (art. 6:96 lid 6 BW).
bool may_be_skipped(StepAction action) {
  return action == StepAction::reminder || action == StepAction::call ||
         action == StepAction::deadline;
}

InterestKind interest_kind_for(DebtorKind kind) {
  return kind == DebtorKind::consumer ? InterestKind::consumer : InterestKind::commercial;
}

class Decider {
 public:
  Decider(const DossierState& state, const Input& input, Date today, const DecideContext& context)
      : state_(state), input_(input), today_(today), context_(context) {}

  Result<Decision> run() {
    if (!state_.created && !std::holds_alternative<OpenDossier>(input_.payload))
      return make_error("dossier", "no dossier with id " + std::to_string(state_.id));
    std::optional<Error> refused =
        std::visit([&](const auto& in) { return handle(in); }, input_.payload);
    if (refused) return std::move(*refused);
    decision_.next_timer = next_timer(state_);
    return std::move(decision_);
  }

 private:
  using Outcome = std::optional<Error>;

  // --- plumbing ----------------------------------------------------------------------------------

  void emit(EventPayload payload) {
    Event event{state_.next_event_seq, today_, input_.actor, std::move(payload)};
    apply(state_, event);
    decision_.events.push_back(std::move(event));
  }
  void attach(EffectPayload payload) {
    decision_.effects.push_back(Effect{decision_.events.back().seq, std::move(payload)});
  }
  Outcome duplicate() {
    decision_.duplicate = true;
    return std::nullopt;
  }
  Outcome refuse(std::string_view why = {}) { return not_accepted(state_, input_.payload, why); }

  const Strategy& strategy() const { return *context_.strategy; }
  const Calendar& calendar() const { return *context_.calendar; }

  ScheduleInput schedule_input() const {
    return ScheduleInput{latest_due_date(state_), state_.opened, state_.debtor.kind,
                         !state_.debtor.email.empty(), open_cents(state_)};
  }

  std::optional<Term> running_term() const {
    return state_.schedule.last ? state_.schedule.last->term : std::nullopt;
  }

  // The statutory costs (with VAT where the creditor claims it) on what is open now.
  Result<CostsResult> statutory_costs_now() const {
    std::vector<Cents> principals;
    for (const Invoice& invoice : state_.invoices) principals.push_back(invoice.principal_cents);
    CostsOptions options;
    options.vat_percent_hundredths = context_.terms.vat_percent_hundredths;
    return statutory_collection_costs(principals, options);
  }

  // Plans the step after the last one performed and emits it; the planned date is never before the
  // first working day on or after today, because a step cannot be carried out in the past.
  Outcome plan_after_last(bool waits_for_call = false) {
    auto next = plan_next(strategy(), calendar(), schedule_input(), state_.schedule.last);
    if (!next) return next.error();
    if (!*next) {
      emit(StepPlanned{std::nullopt});
      return std::nullopt;
    }
    const PlannedStep& step = **next;
    const Date earliest = calendar().working_day_on_or_after(today_);
    emit(StepPlanned{PendingStep{step.index, step.name, step.action, std::max(step.date, earliest),
                                 waits_for_call}});
    return std::nullopt;
  }

  // After a side state ends, or a paid dossier reopens: the flow goes on where it was.
  Outcome resume_flow() {
    if (is_closed(state_.stage) || !std::holds_alternative<std::monostate>(state_.side))
      return std::nullopt;
    return plan_after_last();
  }

  // --- the flow ----------------------------------------------------------------------------------

  Outcome charge_costs() {
    const Cents principal = principal_open_cents(state_);
    if (principal <= 0) return std::nullopt;
    auto costs = statutory_costs_now();
    if (!costs) return costs.error();
    std::vector<Cents> weights;
    for (const Invoice& invoice : state_.invoices) weights.push_back(invoice.principal_cents);
    emit(CostsCharged{costs->basis_cents, costs->costs_cents, costs->vat_cents,
                      split_pro_rata(costs->total_cents, weights)});
    return std::nullopt;
  }

  // The creditor's administration costs, once, with the first reminder to a business debtor: an
  // event of their own so that the history shows them and the letter states them.
  void charge_admin_costs() {
    const Cents admin = context_.terms.business_admin_costs_cents;
    if (admin <= 0 || state_.debtor.kind != DebtorKind::business || state_.admin_costs_cents > 0)
      return;
    std::vector<Cents> weights;
    for (const Invoice& invoice : state_.invoices) weights.push_back(invoice.principal_cents);
    if (std::accumulate(weights.begin(), weights.end(), Cents{0}) <= 0) return;
    emit(AdminCostsCharged{admin, split_pro_rata(admin, weights)});
  }

  // Interest from the first day of default up to and including today, per invoice, on the
  // principal as payments reduced it (a payment counts as received at the end of its day).
  // Interest past the last day the rate table knows is not guessed: it stops there, with a note.
  Outcome book_interest(Claim& claim) {
    const RateTable& rates = *context_.rates;
    const Date through = std::min(today_, rates.known_until);
    if (through < today_)
      claim.interest_note = "interest computed through " + format_date(through) + ": table '" +
                            rates.name + "' has no statutory rate after that day";
    claim.interest_through = through;
    claim.interest_table = rates.name;
    const InterestKind kind = interest_kind_for(state_.debtor.kind);

    std::vector<const PaymentRecord*> payments;
    for (const PaymentRecord& payment : state_.payments)
      if (!payment.reversed && !payment.for_refund) payments.push_back(&payment);
    std::stable_sort(payments.begin(), payments.end(),
                     [](auto* a, auto* b) { return a->date < b->date; });

    std::vector<Cents> per_invoice;
    for (std::size_t i = 0; i < state_.invoices.size(); ++i) {
      const Invoice& invoice = state_.invoices[i];
      Cents principal = invoice.amount_cents;
      Date from = invoice.due_date + Days{1};
      Cents interest = 0;
      auto accrue = [&](Date to) -> Outcome {
        if (to < from || principal <= 0) return std::nullopt;
        auto result = statutory_interest(rates, kind, principal, from, to, true);
        if (!result) return result.error();
        interest += result->interest_cents;
        return std::nullopt;
      };
      for (const PaymentRecord* payment : payments) {
        if (i >= payment->allocation.size() || payment->allocation[i].to_principal_cents == 0)
          continue;
        if (auto error = accrue(std::min(payment->date, through))) return error;
        principal -= payment->allocation[i].to_principal_cents;
        from = std::max(from, payment->date + Days{1});
      }
      if (auto error = accrue(through)) return error;
      per_invoice.push_back(interest);
    }
    emit(InterestCharged{per_invoice});
    return std::nullopt;
  }

  Outcome hand_over() {
    const std::optional<Term> term = running_term();
    // Statutory costs only once a final notice's term has run out (art. 6:96 lid 6 BW for
    // consumers; the same conservative rule for businesses).
    if (term && !state_.schedule.costs_charged && term->costs_from <= today_)
      if (auto error = charge_costs()) return error;
    Claim claim;
    if (auto error = book_interest(claim)) return error;
    for (const Invoice& invoice : state_.invoices) {
      claim.principal_cents += invoice.principal_cents;
      claim.interest_cents += invoice.interest_cents;
      claim.costs_cents += invoice.costs_cents;
    }
    claim.total_cents = claim.principal_cents + claim.interest_cents + claim.costs_cents;
    emit(ClaimFixed{claim});
    attach(HandOverExport{claim});
    return std::nullopt;
  }

  Outcome perform(const PendingStep& pending, std::uint32_t skipped) {
    if (pending.index >= strategy().steps.size())
      return make_error("strategy", "strategy '" + strategy().name + "' has no step " +
                                        std::to_string(pending.index));
    const StrategyStep& step = strategy().steps[pending.index];
    const bool has_email = !state_.debtor.email.empty();
    std::vector<Channel> channels;
    if (step.action == StepAction::reminder || step.action == StepAction::final_notice)
      channels = resolve_channels(step.channels, has_email);
    // Letters leave on working days only, and a term counts from the day the letter leaves
    // (NL-RULES 2.3-2.4): a step performed on a Saturday while catching up is posted on Monday.
    const Date dispatch_on = calendar().working_day_on_or_after(today_);
    std::optional<Term> term = running_term();
    Cents announced_costs = 0;
    if (step.action == StepAction::final_notice) {
      term = statutory_term(calendar(), dispatch_on, channels, step.term_days);
      auto costs = statutory_costs_now();
      if (!costs) return costs.error();
      announced_costs = costs->total_cents;
    }
    if (step.action == StepAction::hand_over) {
      if (auto error = hand_over()) return error;
    }
    emit(StepPerformed{pending.index, pending.name, step.action, channels, term, skipped});
    switch (step.action) {
      case StepAction::reminder:
        charge_admin_costs();
        attach(
            SendDocument{DocumentKind::reminder, pending.name, channels, dispatch_on, std::nullopt,
                         open_cents(state_), 0,
                         calendar().working_day_on_or_after(dispatch_on + Days{step.term_days})});
        break;
      case StepAction::final_notice:
        attach(SendDocument{state_.debtor.kind == DebtorKind::consumer
                                ? DocumentKind::statutory_letter
                                : DocumentKind::final_notice,
                            pending.name, channels, dispatch_on, term, open_cents(state_),
                            announced_costs, term->last_day});
        break;
      case StepAction::call:
        attach(CallTask{today_});
        break;
      case StepAction::deadline:
      case StepAction::hand_over:
        break;
    }
    if (is_closed(state_.stage)) return std::nullopt;
    const bool hold_for_call =
        step.action == StepAction::call && !strategy().call_escalates_without_answer;
    return plan_after_last(hold_for_call);
  }

  // The pending step is due. After downtime several steps may be due at once: the dossier performs
  // the one it is now in (MODEL.md "Time"), passing over steps that may be skipped.
  Outcome perform_due_step() {
    PendingStep pending = *state_.schedule.pending;
    std::uint32_t skipped = 0;
    while (may_be_skipped(pending.action)) {
      const PerformedStep as_planned{pending.index, pending.date, running_term()};
      auto next = plan_next(strategy(), calendar(), schedule_input(), as_planned);
      if (!next) return next.error();
      if (!*next || (*next)->date > today_) break;
      const PlannedStep& step = **next;
      pending = PendingStep{step.index, step.name, step.action, step.date, false};
      ++skipped;
    }
    return perform(pending, skipped);
  }

  Outcome check_installments(const Arranged& arranged) {
    std::uint32_t checked = arranged.checked;
    Cents required = 0;
    for (std::uint32_t k = 0; k < checked; ++k) required += arranged.installments[k].amount_cents;
    const Cents paid_since = paid_cents(state_) - arranged.paid_before_cents;
    while (checked < arranged.installments.size()) {
      const Installment& installment = arranged.installments[checked];
      if (installment.due + Days{arranged.grace_days + 1} > today_) break;
      required += installment.amount_cents;
      if (paid_since < required) {
        emit(ArrangementBroken{});
        return resume_flow();
      }
      ++checked;
    }
    if (checked != arranged.checked) emit(InstallmentsChecked{checked});
    return std::nullopt;
  }

  // --- inputs ------------------------------------------------------------------------------------

  Outcome handle(const TimerFired&) {
    if (is_closed(state_.stage)) return std::nullopt;  // a timer that outlived its flow
    if (const auto* paused = std::get_if<Paused>(&state_.side); paused && paused->until <= today_) {
      emit(PauseEnded{});
      if (auto error = resume_flow()) return error;
    }
    if (const auto* promised = std::get_if<Promised>(&state_.side);
        promised && promised->by < today_) {
      emit(PromiseBroken{});
      if (auto error = resume_flow()) return error;
    }
    if (const auto* arranged = std::get_if<Arranged>(&state_.side)) {
      const Arranged copy = *arranged;
      if (auto error = check_installments(copy)) return error;
    }
    if (!std::holds_alternative<std::monostate>(state_.side)) return std::nullopt;
    const Schedule& schedule = state_.schedule;
    if (schedule.costs_due_on && !schedule.costs_charged && *schedule.costs_due_on <= today_)
      if (auto error = charge_costs()) return error;
    if (schedule.pending && !schedule.pending->waits_for_call && schedule.pending->date <= today_)
      return perform_due_step();
    return std::nullopt;
  }

  Outcome handle(const OpenDossier& open) {
    if (state_.created) {
      // The same dossier again (an import run twice): only invoices it does not have are added.
      if (open.creditor != state_.creditor || open.debtor.ref != state_.debtor.ref)
        return make_error("dossier", "dossier " + std::to_string(state_.id) +
                                         " belongs to another creditor or debtor");
      bool added = false;
      for (const InvoiceInput& invoice : open.invoices) {
        Outcome outcome = handle(AddInvoice{invoice});
        if (outcome) return outcome;
        added = added || !decision_.duplicate;
        decision_.duplicate = false;
      }
      decision_.duplicate = !added;
      return std::nullopt;
    }
    if (open.invoices.empty())
      return make_error("invoices", "a dossier needs at least one invoice");
    if (open.debtor.name.empty()) return make_error("debtor_name", "is empty");
    std::vector<Invoice> invoices;
    for (const InvoiceInput& input : open.invoices) {
      if (auto error = check_invoice(input)) return error;
      for (const Invoice& seen : invoices)
        if (seen.number == input.number)
          return make_error("invoice", "invoice '" + input.number + "' appears twice");
      invoices.push_back(Invoice{input.number, input.invoice_date, input.due_date,
                                 input.amount_cents, input.amount_cents, 0, 0});
    }
    emit(DossierOpened{open.id, open.creditor, open.strategy, open.payment_reference, open.debtor,
                       std::move(invoices)});
    return plan_after_last();
  }

  Outcome check_invoice(const InvoiceInput& invoice) const {
    if (invoice.number.empty()) return make_error("invoice", "the invoice number is empty");
    if (invoice.amount_cents <= 0)
      return make_error("amount", "invoice '" + invoice.number + "' must have a positive amount");
    if (invoice.due_date < invoice.invoice_date)
      return make_error("due_date", "invoice '" + invoice.number + "' is due before its date");
    if (invoice.due_date >= today_)
      return make_error("due_date", "invoice '" + invoice.number + "' is not overdue (due " +
                                        format_date(invoice.due_date) + ")");
    return std::nullopt;
  }

  Outcome handle(const AddInvoice& add) {
    for (const Invoice& invoice : state_.invoices)
      if (invoice.number == add.invoice.number) return duplicate();
    if (is_closed(state_.stage)) return refuse("open a new dossier for this invoice");
    if (auto error = check_invoice(add.invoice)) return error;
    const InvoiceInput& in = add.invoice;
    emit(InvoiceAdded{
        Invoice{in.number, in.invoice_date, in.due_date, in.amount_cents, in.amount_cents, 0, 0}});
    return std::nullopt;
  }

  Outcome handle(const ReceivePayment& payment) {
    if (payment.amount_cents <= 0) return make_error("amount", "a payment must be positive");
    for (const PaymentRecord& seen : state_.payments)
      if (seen.id == payment.payment_id) return duplicate();
    if (is_closed(state_.stage)) {
      emit(PaymentKeptForRefund{payment.payment_id, payment.amount_cents, payment.source});
      attach(RefundPayment{payment.payment_id, payment.amount_cents});
      return std::nullopt;
    }
    std::vector<ClaimBalance> claims;
    for (const Invoice& invoice : state_.invoices)
      claims.push_back(ClaimBalance{invoice.number, invoice.due_date, invoice.costs_cents,
                                    invoice.interest_cents, invoice.principal_cents});
    std::optional<std::string_view> designated;
    if (payment.designated_invoice) designated = *payment.designated_invoice;
    const Allocation allocation =
        allocate_payment(claims, payment.amount_cents, designated, payment.date);
    PaymentRecord record;
    record.id = payment.payment_id;
    record.date = payment.date;
    record.amount_cents = payment.amount_cents;
    record.allocation = allocation.claims;
    record.to_credit_cents = allocation.overpayment_cents;
    record.source = payment.source;
    emit(PaymentApplied{std::move(record)});

    if (open_cents(state_) == 0) {
      if (std::holds_alternative<Promised>(state_.side)) emit(PromiseKept{});
      if (state_.schedule.call_task_open) emit(CallTaskClosed{});
      emit(DossierPaid{});
      return std::nullopt;
    }
    if (const auto* promised = std::get_if<Promised>(&state_.side)) {
      if (paid_cents(state_) - promised->paid_before_cents >= promised->amount_cents) {
        emit(PromiseKept{});
        return resume_flow();
      }
    }
    return std::nullopt;
  }

  Outcome handle(const ReversePayment& reversal) {
    const auto found =
        std::find_if(state_.payments.begin(), state_.payments.end(),
                     [&](const PaymentRecord& p) { return p.id == reversal.payment_id; });
    if (found == state_.payments.end())
      return make_error("payment", "dossier " + std::to_string(state_.id) + " has no payment '" +
                                       reversal.payment_id + "'");
    if (found->reversed) return duplicate();
    if (!found->for_refund && is_terminal(state_.stage))
      return refuse("the claim was settled before; report the reversal to whoever holds it now");
    const bool was_paid = state_.stage == Stage::paid && !found->for_refund;
    emit(PaymentReversed{reversal.payment_id, reversal.reason});
    if (was_paid && open_cents(state_) > 0) {
      emit(DossierReopened{});
      return resume_flow();
    }
    return std::nullopt;
  }

  Outcome handle(const LogCall& call) {
    if (is_closed(state_.stage)) return refuse();
    emit(CallLogged{call.outcome, call.note});
    if (state_.schedule.call_task_open) emit(CallTaskClosed{});
    const auto& pending = state_.schedule.pending;
    if (pending && pending->waits_for_call) {
      PendingStep released = *pending;
      released.waits_for_call = false;
      released.date = std::max(released.date, calendar().next_working_day_after(today_));
      emit(StepPlanned{released});
    }
    return std::nullopt;
  }

  Outcome handle(const MakePromise& promise) {
    if (is_closed(state_.stage)) return refuse();
    if (!std::holds_alternative<std::monostate>(state_.side))
      return refuse("the dossier is " + std::string(side_state_name(state_.side)));
    if (promise.by < today_) return make_error("by", "the promised date is in the past");
    const Cents open = open_cents(state_);
    const Cents amount = promise.amount_cents.value_or(open);
    if (amount <= 0 || amount > open)
      return make_error("amount", "a promise must be positive and at most the open amount (" +
                                      format_cents_dutch(open) + ")");
    emit(PromiseMade{promise.by, amount});
    attach(SendDocument{
        DocumentKind::promise_confirmation, "promise",
        resolve_channels(ChannelRule::email_else_post, !state_.debtor.email.empty()),
        calendar().working_day_on_or_after(today_), std::nullopt, open, 0, promise.by});
    return std::nullopt;
  }

  Outcome handle(const MakeArrangement& arrangement) {
    if (is_closed(state_.stage)) return refuse();
    if (!std::holds_alternative<std::monostate>(state_.side) &&
        !std::holds_alternative<Promised>(state_.side))
      return refuse("the dossier is " + std::string(side_state_name(state_.side)));
    if (arrangement.installments < 2 || arrangement.installments > 120)
      return make_error("installments", "must be between 2 and 120");
    if (arrangement.first < today_) return make_error("first", "the first installment is past");
    const Cents open = open_cents(state_);
    if (open < arrangement.installments)
      return make_error("installments", "more installments than cents open");
    const std::vector<Cents> equal(static_cast<std::size_t>(arrangement.installments), 1);
    const std::vector<Cents> amounts = split_pro_rata(open, equal);
    std::vector<Installment> installments;
    for (int k = 0; k < arrangement.installments; ++k)
      installments.push_back(
          Installment{add_interval(arrangement.first, arrangement.every, k), amounts[k]});
    const Date first_due = installments.front().due;
    emit(ArrangementMade{std::move(installments), strategy().arrangement_grace_days});
    attach(
        SendDocument{DocumentKind::arrangement_confirmation, "arrangement",
                     resolve_channels(ChannelRule::email_else_post, !state_.debtor.email.empty()),
                     calendar().working_day_on_or_after(today_), std::nullopt, open, 0, first_due});
    return std::nullopt;
  }

  Outcome handle(const RaiseDispute& dispute) {
    if (is_closed(state_.stage)) return refuse();
    if (std::holds_alternative<Disputed>(state_.side)) return refuse("already disputed");
    if (dispute.reason.empty()) return make_error("reason", "a dispute needs a reason");
    emit(DisputeRaised{dispute.reason});
    return std::nullopt;
  }

  Outcome handle(const ResolveDispute& resolve) {
    if (!std::holds_alternative<Disputed>(state_.side)) return refuse("no dispute is open");
    if (!resolve.upheld) {
      emit(DisputeResolved{false, {}});
      return resume_flow();
    }
    if (!resolve.corrected_principal_cents) {
      emit(DisputeResolved{true, {}});
      emit(Withdrawn{"dispute upheld"});
      return std::nullopt;
    }
    const Cents principal = principal_open_cents(state_);
    const Cents corrected = *resolve.corrected_principal_cents;
    if (corrected < 0 || corrected >= principal)
      return make_error("amount",
                        "the corrected principal must be at least 0 and below the open "
                        "principal (" +
                            format_cents_dutch(principal) + ")");
    std::vector<Cents> weights;
    for (const Invoice& invoice : state_.invoices) weights.push_back(invoice.principal_cents);
    emit(DisputeResolved{true, split_pro_rata(principal - corrected, weights)});
    if (open_cents(state_) == 0) {
      emit(Withdrawn{"dispute upheld: nothing left to claim"});
      return std::nullopt;
    }
    return resume_flow();
  }

  Outcome handle(const Pause& pause) {
    if (is_closed(state_.stage)) return refuse();
    if (!std::holds_alternative<std::monostate>(state_.side))
      return refuse("the dossier is " + std::string(side_state_name(state_.side)));
    if (pause.until <= today_) return make_error("until", "must be after today");
    emit(PauseStarted{pause.until});
    return std::nullopt;
  }

  Outcome handle(const Resume&) {
    if (!std::holds_alternative<Paused>(state_.side)) return refuse("it is not paused");
    emit(PauseEnded{});
    return resume_flow();
  }

  Outcome handle(const Withdraw& withdraw) {
    if (is_closed(state_.stage)) return refuse();
    emit(Withdrawn{withdraw.reason});
    return std::nullopt;
  }

  Outcome handle(const WriteOff& writeoff) {
    if (is_closed(state_.stage)) return refuse();
    emit(WrittenOff{writeoff.reason});
    return std::nullopt;
  }

  Outcome handle(const LetterSent& sent) {
    const std::optional<Term> term = running_term();
    // Only the letter whose term is running matters; a term already run out stays as it was.
    if (is_closed(state_.stage) || !term || term->sent != sent.planned_on ||
        state_.schedule.costs_charged)
      return duplicate();
    const Date receipt = calendar().presumed_receipt(sent.sent_on, sent.channel);
    if (receipt <= term->receipt) return duplicate();
    emit(TermExtended{term_from_receipt(calendar(), term->sent, receipt, term->term_days)});
    // The deadline step is planned from the term: plan it again.
    if (state_.stage == Stage::final_notice && state_.schedule.pending &&
        std::holds_alternative<std::monostate>(state_.side))
      return plan_after_last();
    return std::nullopt;
  }

  Outcome handle(const AddNote& note) {
    if (note.text.empty()) return make_error("text", "a note needs text");
    emit(NoteAdded{note.text});
    return std::nullopt;
  }

  DossierState state_;
  const Input& input_;
  const Date today_;
  const DecideContext& context_;
  Decision decision_;
};

}  // namespace

Result<Decision> decide(const DossierState& state, const Input& input, Date today,
                        const DecideContext& context) {
  return Decider(state, input, today, context).run();
}

}  // namespace pinc
