#include "records.hpp"

#include <capnp/message.h>
#include <capnp/serialize-packed.h>
#include <kj/exception.h>
#include <kj/io.h>

#include "overloaded.hpp"
#include "records_capnp.hpp"

namespace pinc::records {

namespace s = pinc::schema;

namespace {

std::int32_t day(Date date) {
  return static_cast<std::int32_t>(date.time_since_epoch().count());
}
Date date_of(std::int32_t day_number) {
  return Date{Days{day_number}};
}
std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

// --- writers ---------------------------------------------------------------------------------

void write(s::Address::Builder out, const Address& address) {
  out.setStreet(address.street);
  out.setPostcode(address.postcode);
  out.setCity(address.city);
  out.setCountry(address.country);
}

void write(s::Debtor::Builder out, const Debtor& debtor) {
  out.setRef(debtor.ref);
  out.setName(debtor.name);
  out.setKind(debtor.kind == DebtorKind::consumer ? s::DebtorKind::CONSUMER
                                                  : s::DebtorKind::BUSINESS);
  out.setEmail(debtor.email);
  out.setPhone(debtor.phone);
  write(out.initAddress(), debtor.address);
  out.setLanguage(debtor.language);
}

void write(s::Invoice::Builder out, const Invoice& invoice) {
  out.setNumber(invoice.number);
  out.setInvoiceDate(day(invoice.invoice_date));
  out.setDueDate(day(invoice.due_date));
  out.setAmountCents(invoice.amount_cents);
  out.setPrincipalCents(invoice.principal_cents);
  out.setCostsCents(invoice.costs_cents);
  out.setInterestCents(invoice.interest_cents);
}

void write(capnp::List<s::Invoice>::Builder out, const std::vector<Invoice>& invoices) {
  for (unsigned i = 0; i < invoices.size(); ++i) write(out[i], invoices[i]);
}

void write(s::PaymentRecord::Builder out, const PaymentRecord& payment) {
  out.setId(payment.id);
  out.setDate(day(payment.date));
  out.setAmountCents(payment.amount_cents);
  auto allocation = out.initAllocation(static_cast<unsigned>(payment.allocation.size()));
  for (unsigned i = 0; i < payment.allocation.size(); ++i) {
    allocation[i].setToCostsCents(payment.allocation[i].to_costs_cents);
    allocation[i].setToInterestCents(payment.allocation[i].to_interest_cents);
    allocation[i].setToPrincipalCents(payment.allocation[i].to_principal_cents);
  }
  out.setToCreditCents(payment.to_credit_cents);
  out.setSource(payment.source);
  out.setForRefund(payment.for_refund);
  out.setReversed(payment.reversed);
}

void write(s::Term::Builder out, const Term& term) {
  out.setSent(day(term.sent));
  out.setReceipt(day(term.receipt));
  out.setFirstDay(day(term.first_day));
  out.setLastDayPlain(day(term.last_day_plain));
  out.setLastDay(day(term.last_day));
  out.setCostsFrom(day(term.costs_from));
  out.setTermDays(term.term_days);
}

s::StepAction action_of(StepAction action) {
  return static_cast<s::StepAction>(action);
}
StepAction action_of(s::StepAction action) {
  return static_cast<StepAction>(action);
}

void write(s::PendingStep::Builder out, const PendingStep& pending) {
  out.setIndex(static_cast<std::uint32_t>(pending.index));
  out.setName(pending.name);
  out.setAction(action_of(pending.action));
  out.setDate(day(pending.date));
  out.setWaitsForCall(pending.waits_for_call);
}

void write(s::Claim::Builder out, const Claim& claim) {
  out.setPrincipalCents(claim.principal_cents);
  out.setInterestCents(claim.interest_cents);
  out.setCostsCents(claim.costs_cents);
  out.setTotalCents(claim.total_cents);
  out.setInterestThrough(day(claim.interest_through));
  out.setInterestTable(claim.interest_table);
  out.setInterestNote(claim.interest_note);
}

void write(capnp::List<s::Installment>::Builder out, const std::vector<Installment>& list) {
  for (unsigned i = 0; i < list.size(); ++i) {
    out[i].setDue(day(list[i].due));
    out[i].setAmountCents(list[i].amount_cents);
  }
}

template <class Builder>
void write_cents(Builder out, const std::vector<Cents>& values) {
  for (unsigned i = 0; i < values.size(); ++i) out.set(i, values[i]);
}

void write_channels(capnp::List<s::Channel>::Builder out, const std::vector<Channel>& channels) {
  for (unsigned i = 0; i < channels.size(); ++i)
    out.set(i, channels[i] == Channel::post ? s::Channel::POST : s::Channel::EMAIL);
}

// --- readers ---------------------------------------------------------------------------------

Address read(s::Address::Reader in) {
  return Address{text(in.getStreet()), text(in.getPostcode()), text(in.getCity()),
                 text(in.getCountry())};
}

Debtor read(s::Debtor::Reader in) {
  Debtor debtor;
  debtor.ref = text(in.getRef());
  debtor.name = text(in.getName());
  debtor.kind =
      in.getKind() == s::DebtorKind::CONSUMER ? DebtorKind::consumer : DebtorKind::business;
  debtor.email = text(in.getEmail());
  debtor.phone = text(in.getPhone());
  debtor.address = read(in.getAddress());
  debtor.language = text(in.getLanguage());
  return debtor;
}

Invoice read(s::Invoice::Reader in) {
  return Invoice{text(in.getNumber()), date_of(in.getInvoiceDate()), date_of(in.getDueDate()),
                 in.getAmountCents(),  in.getPrincipalCents(),       in.getCostsCents(),
                 in.getInterestCents()};
}

std::vector<Invoice> read(capnp::List<s::Invoice>::Reader in) {
  std::vector<Invoice> invoices;
  for (auto invoice : in) invoices.push_back(read(invoice));
  return invoices;
}

PaymentRecord read(s::PaymentRecord::Reader in) {
  PaymentRecord payment;
  payment.id = text(in.getId());
  payment.date = date_of(in.getDate());
  payment.amount_cents = in.getAmountCents();
  for (auto share : in.getAllocation())
    payment.allocation.push_back(ClaimAllocation{
        share.getToCostsCents(), share.getToInterestCents(), share.getToPrincipalCents()});
  payment.to_credit_cents = in.getToCreditCents();
  payment.source = text(in.getSource());
  payment.for_refund = in.getForRefund();
  payment.reversed = in.getReversed();
  return payment;
}

Term read(s::Term::Reader in) {
  Term term;
  term.sent = date_of(in.getSent());
  term.receipt = date_of(in.getReceipt());
  term.first_day = date_of(in.getFirstDay());
  term.last_day_plain = date_of(in.getLastDayPlain());
  term.last_day = date_of(in.getLastDay());
  term.costs_from = date_of(in.getCostsFrom());
  term.term_days = in.getTermDays();
  return term;
}

PendingStep read(s::PendingStep::Reader in) {
  return PendingStep{in.getIndex(), text(in.getName()), action_of(in.getAction()),
                     date_of(in.getDate()), in.getWaitsForCall()};
}

Claim read(s::Claim::Reader in) {
  return Claim{in.getPrincipalCents(),
               in.getInterestCents(),
               in.getCostsCents(),
               in.getTotalCents(),
               date_of(in.getInterestThrough()),
               text(in.getInterestTable()),
               text(in.getInterestNote())};
}

std::vector<Installment> read(capnp::List<s::Installment>::Reader in) {
  std::vector<Installment> list;
  for (auto installment : in)
    list.push_back(Installment{date_of(installment.getDue()), installment.getAmountCents()});
  return list;
}

std::vector<Cents> read_cents(capnp::List<std::int64_t>::Reader in) {
  std::vector<Cents> values;
  for (std::int64_t value : in) values.push_back(value);
  return values;
}

std::vector<Channel> read_channels(capnp::List<s::Channel>::Reader in) {
  std::vector<Channel> channels;
  for (auto channel : in)
    channels.push_back(channel == s::Channel::POST ? Channel::post : Channel::email);
  return channels;
}

// --- framing ---------------------------------------------------------------------------------

// Reads a record; any damage Cap'n Proto detects becomes an Error naming the record kind.
template <class Root, class Decode>
auto from_bytes(std::string_view bytes, const char* kind, Decode decode)
    -> decltype(decode(std::declval<typename Root::Reader>())) {
  try {
    PackedRecord record(bytes);
    return decode(record.root<Root>());
  } catch (const kj::Exception& exception) {
    return make_error(kind, std::string("damaged record: ") + exception.getDescription().cStr());
  }
}

}  // namespace

std::string to_packed(capnp::MessageBuilder& message) {
  kj::VectorOutputStream out;
  capnp::writePackedMessage(out, message);
  auto bytes = out.getArray();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

std::string encode_state(const DossierState& state) {
  capnp::MallocMessageBuilder message;
  write_state(message.initRoot<s::DossierState>(), state);
  return to_packed(message);
}

void write_state(s::DossierState::Builder out, const DossierState& state) {
  out.setId(state.id);
  out.setCreditor(state.creditor);
  out.setStrategy(state.strategy);
  out.setPaymentReference(state.payment_reference);
  write(out.initDebtor(), state.debtor);
  out.setOpened(day(state.opened));
  out.setStage(static_cast<s::Stage>(state.stage));
  out.setStageBeforePaid(static_cast<s::Stage>(state.stage_before_paid));
  auto side = out.initSide();
  std::visit(overloaded{
                 [&](const std::monostate&) { side.setNone(); },
                 [&](const Promised& p) {
                   auto g = side.initPromised();
                   g.setBy(day(p.by));
                   g.setAmountCents(p.amount_cents);
                   g.setPaidBeforeCents(p.paid_before_cents);
                 },
                 [&](const Arranged& a) {
                   auto g = side.initArranged();
                   write(g.initInstallments(static_cast<unsigned>(a.installments.size())),
                         a.installments);
                   g.setPaidBeforeCents(a.paid_before_cents);
                   g.setGraceDays(a.grace_days);
                   g.setChecked(a.checked);
                 },
                 [&](const Disputed& d) {
                   auto g = side.initDisputed();
                   g.setReason(d.reason);
                   g.setSince(day(d.since));
                 },
                 [&](const Paused& p) { side.initPaused().setUntil(day(p.until)); },
             },
             state.side);
  const Schedule& schedule = state.schedule;
  if (schedule.last) {
    out.setHasLastStep(true);
    auto last = out.initLastStep();
    last.setIndex(static_cast<std::uint32_t>(schedule.last->index));
    last.setDate(day(schedule.last->date));
    if (schedule.last->term) {
      last.setHasTerm(true);
      write(last.initTerm(), *schedule.last->term);
    }
  }
  if (schedule.pending) {
    out.setHasPending(true);
    write(out.initPending(), *schedule.pending);
  }
  if (schedule.costs_due_on) {
    out.setHasCostsDueOn(true);
    out.setCostsDueOn(day(*schedule.costs_due_on));
  }
  out.setCostsCharged(schedule.costs_charged);
  out.setCallTaskOpen(schedule.call_task_open);
  if (schedule.call_task_due) {
    out.setHasCallTaskDue(true);
    out.setCallTaskDue(day(*schedule.call_task_due));
  }
  write(out.initInvoices(static_cast<unsigned>(state.invoices.size())), state.invoices);
  auto payments = out.initPayments(static_cast<unsigned>(state.payments.size()));
  for (unsigned i = 0; i < state.payments.size(); ++i) write(payments[i], state.payments[i]);
  out.setCostsChargedCents(state.costs_charged_cents);
  out.setAdminCostsCents(state.admin_costs_cents);
  out.setInterestChargedCents(state.interest_charged_cents);
  out.setWrittenDownCents(state.written_down_cents);
  out.setCreditCents(state.credit_cents);
  out.setRefundDueCents(state.refund_due_cents);
  if (state.claim) {
    out.setHasClaim(true);
    write(out.initClaim(), *state.claim);
  }
  out.setNextEventSeq(state.next_event_seq);
}

Result<DossierState> decode_state(std::string_view bytes) {
  return from_bytes<s::DossierState>(
      bytes, "state", [](s::DossierState::Reader in) -> Result<DossierState> {
        DossierState state;
        state.id = in.getId();
        state.created = true;
        state.creditor = text(in.getCreditor());
        state.strategy = text(in.getStrategy());
        state.payment_reference = text(in.getPaymentReference());
        state.debtor = read(in.getDebtor());
        state.opened = date_of(in.getOpened());
        if (static_cast<unsigned>(in.getStage()) > static_cast<unsigned>(Stage::written_off) ||
            static_cast<unsigned>(in.getStageBeforePaid()) >
                static_cast<unsigned>(Stage::written_off))
          return make_error("state", "damaged record: unknown stage");
        state.stage = static_cast<Stage>(in.getStage());
        state.stage_before_paid = static_cast<Stage>(in.getStageBeforePaid());
        auto side = in.getSide();
        switch (side.which()) {
          case s::SideState::NONE:
            break;
          case s::SideState::PROMISED: {
            auto g = side.getPromised();
            state.side = Promised{date_of(g.getBy()), g.getAmountCents(), g.getPaidBeforeCents()};
            break;
          }
          case s::SideState::ARRANGED: {
            auto g = side.getArranged();
            state.side = Arranged{read(g.getInstallments()), g.getPaidBeforeCents(),
                                  g.getGraceDays(), g.getChecked()};
            break;
          }
          case s::SideState::DISPUTED: {
            auto g = side.getDisputed();
            state.side = Disputed{text(g.getReason()), date_of(g.getSince())};
            break;
          }
          case s::SideState::PAUSED:
            state.side = Paused{date_of(side.getPaused().getUntil())};
            break;
          default:
            return make_error("state", "damaged record: unknown side state");
        }
        Schedule& schedule = state.schedule;
        if (in.getHasLastStep()) {
          auto last = in.getLastStep();
          schedule.last = PerformedStep{last.getIndex(), date_of(last.getDate()), std::nullopt};
          if (last.getHasTerm()) schedule.last->term = read(last.getTerm());
        }
        if (in.getHasPending()) schedule.pending = read(in.getPending());
        if (in.getHasCostsDueOn()) schedule.costs_due_on = date_of(in.getCostsDueOn());
        schedule.costs_charged = in.getCostsCharged();
        schedule.call_task_open = in.getCallTaskOpen();
        if (in.getHasCallTaskDue()) schedule.call_task_due = date_of(in.getCallTaskDue());
        state.invoices = read(in.getInvoices());
        for (auto payment : in.getPayments()) state.payments.push_back(read(payment));
        state.costs_charged_cents = in.getCostsChargedCents();
        state.admin_costs_cents = in.getAdminCostsCents();
        state.interest_charged_cents = in.getInterestChargedCents();
        state.written_down_cents = in.getWrittenDownCents();
        state.credit_cents = in.getCreditCents();
        state.refund_due_cents = in.getRefundDueCents();
        if (in.getHasClaim()) state.claim = read(in.getClaim());
        state.next_event_seq = in.getNextEventSeq();
        return state;
      });
}

std::string encode_event(const Event& event) {
  capnp::MallocMessageBuilder message;
  write_event(message.initRoot<s::Event>(), event);
  return to_packed(message);
}

void write_event(s::Event::Builder out, const Event& event) {
  out.setSeq(event.seq);
  out.setDate(day(event.date));
  out.setActor(event.actor);
  std::visit(
      overloaded{
          [&](const DossierOpened& e) {
            auto g = out.initOpened();
            g.setId(e.id);
            g.setCreditor(e.creditor);
            g.setStrategy(e.strategy);
            g.setPaymentReference(e.payment_reference);
            write(g.initDebtor(), e.debtor);
            write(g.initInvoices(static_cast<unsigned>(e.invoices.size())), e.invoices);
          },
          [&](const InvoiceAdded& e) { write(out.initInvoiceAdded(), e.invoice); },
          [&](const StepPlanned& e) {
            auto g = out.initStepPlanned();
            g.setHasPending(e.pending.has_value());
            if (e.pending) write(g.initPending(), *e.pending);
          },
          [&](const StepPerformed& e) {
            auto g = out.initStepPerformed();
            g.setIndex(static_cast<std::uint32_t>(e.index));
            g.setName(e.name);
            g.setAction(action_of(e.action));
            write_channels(g.initChannels(static_cast<unsigned>(e.channels.size())), e.channels);
            g.setHasTerm(e.term.has_value());
            if (e.term) write(g.initTerm(), *e.term);
            g.setSkipped(e.skipped);
          },
          [&](const CallTaskClosed&) { out.setCallTaskClosed(); },
          [&](const AdminCostsCharged& e) {
            auto g = out.initAdminCostsCharged();
            g.setCostsCents(e.costs_cents);
            write_cents(g.initPerInvoiceCents(static_cast<unsigned>(e.per_invoice_cents.size())),
                        e.per_invoice_cents);
          },
          [&](const CostsCharged& e) {
            auto g = out.initCostsCharged();
            g.setBasisCents(e.basis_cents);
            g.setCostsCents(e.costs_cents);
            g.setVatCents(e.vat_cents);
            write_cents(g.initPerInvoiceCents(static_cast<unsigned>(e.per_invoice_cents.size())),
                        e.per_invoice_cents);
          },
          [&](const InterestCharged& e) {
            write_cents(out.initInterestCharged(static_cast<unsigned>(e.per_invoice_cents.size())),
                        e.per_invoice_cents);
          },
          [&](const ClaimFixed& e) { write(out.initClaimFixed(), e.claim); },
          [&](const PaymentApplied& e) { write(out.initPaymentApplied(), e.payment); },
          [&](const PaymentKeptForRefund& e) {
            auto g = out.initPaymentKeptForRefund();
            g.setPaymentId(e.payment_id);
            g.setAmountCents(e.amount_cents);
            g.setSource(e.source);
          },
          [&](const PaymentReversed& e) {
            auto g = out.initPaymentReversed();
            g.setPaymentId(e.payment_id);
            g.setReason(e.reason);
          },
          [&](const DossierPaid&) { out.setPaid(); },
          [&](const DossierReopened&) { out.setReopened(); },
          [&](const CallLogged& e) {
            auto g = out.initCallLogged();
            g.setOutcome(static_cast<s::CallOutcome>(e.outcome));
            g.setNote(e.note);
          },
          [&](const PromiseMade& e) {
            auto g = out.initPromiseMade();
            g.setBy(day(e.by));
            g.setAmountCents(e.amount_cents);
          },
          [&](const PromiseKept&) { out.setPromiseKept(); },
          [&](const PromiseBroken&) { out.setPromiseBroken(); },
          [&](const ArrangementMade& e) {
            auto g = out.initArrangementMade();
            write(g.initInstallments(static_cast<unsigned>(e.installments.size())), e.installments);
            g.setGraceDays(e.grace_days);
          },
          [&](const InstallmentsChecked& e) { out.setInstallmentsChecked(e.checked); },
          [&](const ArrangementBroken&) { out.setArrangementBroken(); },
          [&](const DisputeRaised& e) { out.setDisputeRaised(e.reason); },
          [&](const DisputeResolved& e) {
            auto g = out.initDisputeResolved();
            g.setUpheld(e.upheld);
            write_cents(g.initWriteDownPerInvoiceCents(
                            static_cast<unsigned>(e.write_down_per_invoice_cents.size())),
                        e.write_down_per_invoice_cents);
          },
          [&](const PauseStarted& e) { out.setPauseStarted(day(e.until)); },
          [&](const PauseEnded&) { out.setPauseEnded(); },
          [&](const Withdrawn& e) { out.setWithdrawn(e.reason); },
          [&](const WrittenOff& e) { out.setWrittenOff(e.reason); },
          [&](const NoteAdded& e) { out.setNoteAdded(e.text); },
          [&](const TermExtended& e) { write(out.initTermExtended(), e.term); },
      },
      event.payload);
}

Result<Event> decode_event(std::string_view bytes) {
  return from_bytes<s::Event>(bytes, "event", [](s::Event::Reader in) -> Result<Event> {
    Event event;
    event.seq = in.getSeq();
    event.date = date_of(in.getDate());
    event.actor = text(in.getActor());
    switch (in.which()) {
      case s::Event::OPENED: {
        auto g = in.getOpened();
        event.payload = DossierOpened{g.getId(),
                                      text(g.getCreditor()),
                                      text(g.getStrategy()),
                                      text(g.getPaymentReference()),
                                      read(g.getDebtor()),
                                      read(g.getInvoices())};
        break;
      }
      case s::Event::INVOICE_ADDED:
        event.payload = InvoiceAdded{read(in.getInvoiceAdded())};
        break;
      case s::Event::STEP_PLANNED: {
        auto g = in.getStepPlanned();
        StepPlanned e;
        if (g.getHasPending()) e.pending = read(g.getPending());
        event.payload = e;
        break;
      }
      case s::Event::STEP_PERFORMED: {
        auto g = in.getStepPerformed();
        StepPerformed e{g.getIndex(),
                        text(g.getName()),
                        action_of(g.getAction()),
                        read_channels(g.getChannels()),
                        std::nullopt,
                        g.getSkipped()};
        if (g.getHasTerm()) e.term = read(g.getTerm());
        event.payload = e;
        break;
      }
      case s::Event::CALL_TASK_CLOSED:
        event.payload = CallTaskClosed{};
        break;
      case s::Event::COSTS_CHARGED: {
        auto g = in.getCostsCharged();
        event.payload = CostsCharged{g.getBasisCents(), g.getCostsCents(), g.getVatCents(),
                                     read_cents(g.getPerInvoiceCents())};
        break;
      }
      case s::Event::ADMIN_COSTS_CHARGED: {
        auto g = in.getAdminCostsCharged();
        event.payload = AdminCostsCharged{g.getCostsCents(), read_cents(g.getPerInvoiceCents())};
        break;
      }
      case s::Event::INTEREST_CHARGED:
        event.payload = InterestCharged{read_cents(in.getInterestCharged())};
        break;
      case s::Event::CLAIM_FIXED:
        event.payload = ClaimFixed{read(in.getClaimFixed())};
        break;
      case s::Event::PAYMENT_APPLIED:
        event.payload = PaymentApplied{read(in.getPaymentApplied())};
        break;
      case s::Event::PAYMENT_KEPT_FOR_REFUND: {
        auto g = in.getPaymentKeptForRefund();
        event.payload =
            PaymentKeptForRefund{text(g.getPaymentId()), g.getAmountCents(), text(g.getSource())};
        break;
      }
      case s::Event::PAYMENT_REVERSED: {
        auto g = in.getPaymentReversed();
        event.payload = PaymentReversed{text(g.getPaymentId()), text(g.getReason())};
        break;
      }
      case s::Event::PAID:
        event.payload = DossierPaid{};
        break;
      case s::Event::REOPENED:
        event.payload = DossierReopened{};
        break;
      case s::Event::CALL_LOGGED: {
        auto g = in.getCallLogged();
        if (static_cast<unsigned>(g.getOutcome()) >
            static_cast<unsigned>(CallOutcome::wrong_number))
          return make_error("event", "damaged record: unknown call outcome");
        event.payload = CallLogged{static_cast<CallOutcome>(g.getOutcome()), text(g.getNote())};
        break;
      }
      case s::Event::PROMISE_MADE: {
        auto g = in.getPromiseMade();
        event.payload = PromiseMade{date_of(g.getBy()), g.getAmountCents()};
        break;
      }
      case s::Event::PROMISE_KEPT:
        event.payload = PromiseKept{};
        break;
      case s::Event::PROMISE_BROKEN:
        event.payload = PromiseBroken{};
        break;
      case s::Event::ARRANGEMENT_MADE: {
        auto g = in.getArrangementMade();
        event.payload = ArrangementMade{read(g.getInstallments()), g.getGraceDays()};
        break;
      }
      case s::Event::INSTALLMENTS_CHECKED:
        event.payload = InstallmentsChecked{in.getInstallmentsChecked()};
        break;
      case s::Event::ARRANGEMENT_BROKEN:
        event.payload = ArrangementBroken{};
        break;
      case s::Event::DISPUTE_RAISED:
        event.payload = DisputeRaised{text(in.getDisputeRaised())};
        break;
      case s::Event::DISPUTE_RESOLVED: {
        auto g = in.getDisputeResolved();
        event.payload = DisputeResolved{g.getUpheld(), read_cents(g.getWriteDownPerInvoiceCents())};
        break;
      }
      case s::Event::PAUSE_STARTED:
        event.payload = PauseStarted{date_of(in.getPauseStarted())};
        break;
      case s::Event::PAUSE_ENDED:
        event.payload = PauseEnded{};
        break;
      case s::Event::WITHDRAWN:
        event.payload = Withdrawn{text(in.getWithdrawn())};
        break;
      case s::Event::WRITTEN_OFF:
        event.payload = WrittenOff{text(in.getWrittenOff())};
        break;
      case s::Event::NOTE_ADDED:
        event.payload = NoteAdded{text(in.getNoteAdded())};
        break;
      case s::Event::TERM_EXTENDED:
        event.payload = TermExtended{read(in.getTermExtended())};
        break;
      default:
        return make_error("event", "damaged record: unknown event kind");
    }
    return event;
  });
}

std::string encode_stored_effect(const StoredEffect& stored) {
  capnp::MallocMessageBuilder message;
  auto out = message.initRoot<s::Effect>();
  out.setDossier(stored.dossier);
  out.setSeq(stored.effect.seq);
  std::visit(overloaded{
                 [&](const SendDocument& e) {
                   auto g = out.initSendDocument();
                   g.setKind(static_cast<s::DocumentKind>(e.kind));
                   g.setStep(e.step);
                   write_channels(g.initChannels(static_cast<unsigned>(e.channels.size())),
                                  e.channels);
                   g.setDispatchOn(day(e.dispatch_on));
                   g.setHasTerm(e.term.has_value());
                   if (e.term) write(g.initTerm(), *e.term);
                   g.setOpenCents(e.open_cents);
                   g.setAnnouncedCostsCents(e.announced_costs_cents);
                   out.setPayBy(day(e.pay_by));
                 },
                 [&](const CallTask& e) { out.initCallTask().setDue(day(e.due)); },
                 [&](const HandOverExport& e) { write(out.initHandOver(), e.claim); },
                 [&](const RefundPayment& e) {
                   auto g = out.initRefund();
                   g.setPaymentId(e.payment_id);
                   g.setAmountCents(e.amount_cents);
                 },
             },
             stored.effect.payload);
  out.setAttempts(stored.attempts);
  out.setState(static_cast<s::EffectState>(stored.state));
  out.setLastError(stored.last_error);
  return to_packed(message);
}

std::string encode_effect(DossierId dossier, const Effect& effect) {
  return encode_stored_effect(StoredEffect{dossier, effect, 0, StoredEffect::State::pending, ""});
}

Result<StoredEffect> decode_effect(std::string_view bytes) {
  return from_bytes<s::Effect>(bytes, "effect", [](s::Effect::Reader in) -> Result<StoredEffect> {
    StoredEffect stored;
    stored.dossier = in.getDossier();
    stored.effect.seq = in.getSeq();
    switch (in.which()) {
      case s::Effect::SEND_DOCUMENT: {
        auto g = in.getSendDocument();
        if (static_cast<unsigned>(g.getKind()) >
            static_cast<unsigned>(DocumentKind::arrangement_confirmation))
          return make_error("effect", "damaged record: unknown document kind");
        SendDocument e{static_cast<DocumentKind>(g.getKind()),
                       text(g.getStep()),
                       read_channels(g.getChannels()),
                       date_of(g.getDispatchOn()),
                       std::nullopt,
                       g.getOpenCents(),
                       g.getAnnouncedCostsCents(),
                       date_of(in.getPayBy())};
        if (g.getHasTerm()) e.term = read(g.getTerm());
        stored.effect.payload = e;
        break;
      }
      case s::Effect::CALL_TASK:
        stored.effect.payload = CallTask{date_of(in.getCallTask().getDue())};
        break;
      case s::Effect::HAND_OVER:
        stored.effect.payload = HandOverExport{read(in.getHandOver())};
        break;
      case s::Effect::REFUND: {
        auto g = in.getRefund();
        stored.effect.payload = RefundPayment{text(g.getPaymentId()), g.getAmountCents()};
        break;
      }
      default:
        return make_error("effect", "damaged record: unknown effect kind");
    }
    stored.attempts = in.getAttempts();
    if (static_cast<unsigned>(in.getState()) > 2)
      return make_error("effect", "damaged record: unknown delivery state");
    stored.state = static_cast<StoredEffect::State>(in.getState());
    stored.last_error = text(in.getLastError());
    return stored;
  });
}

void write_creditor(s::Creditor::Builder out, const CreditorRecord& creditor) {
  out.setId(creditor.id);
  out.setName(creditor.name);
  out.setIban(creditor.iban);
  out.setStrategyName(creditor.strategy_name);
  out.setStrategyToml(creditor.strategy_toml);
  out.setVatPercentHundredths(creditor.vat_percent_hundredths);
  out.setEmail(creditor.email);
  write(out.initAddress(), creditor.address);
  out.setBusinessAdminCostsCents(creditor.business_admin_costs_cents);
}

CreditorRecord read_creditor(s::Creditor::Reader in) {
  CreditorRecord creditor;
  creditor.id = text(in.getId());
  creditor.name = text(in.getName());
  creditor.iban = text(in.getIban());
  creditor.strategy_name = text(in.getStrategyName());
  creditor.strategy_toml = text(in.getStrategyToml());
  creditor.vat_percent_hundredths = in.getVatPercentHundredths();
  creditor.email = text(in.getEmail());
  creditor.address = read(in.getAddress());
  creditor.business_admin_costs_cents = in.getBusinessAdminCostsCents();
  return creditor;
}

std::string encode_creditor(const CreditorRecord& creditor) {
  capnp::MallocMessageBuilder message;
  write_creditor(message.initRoot<s::Creditor>(), creditor);
  return to_packed(message);
}

Result<CreditorRecord> decode_creditor(std::string_view bytes) {
  return from_bytes<s::Creditor>(
      bytes, "creditor",
      [](s::Creditor::Reader in) -> Result<CreditorRecord> { return read_creditor(in); });
}

}  // namespace pinc::records
