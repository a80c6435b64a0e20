#pragma once
// What a decision produces: events (facts that change the state, kept forever in the history),
// effects (work to carry out exactly once afterwards: letters, call tasks, exports, refunds) and
// the dossier's next timer. Events carry every figure they need, so that replaying them gives the
// same state without consulting strategies, rate tables or the clock.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dossier_state.hpp"

namespace pinc {

struct DossierOpened {
  DossierId id = 0;
  std::string creditor, strategy, payment_reference;
  Debtor debtor;
  std::vector<Invoice> invoices;
};
struct InvoiceAdded {
  Invoice invoice;
};
// The next step and its date; none when the strategy has run out.
struct StepPlanned {
  std::optional<PendingStep> pending;
};
struct StepPerformed {
  std::size_t index = 0;
  std::string name;
  StepAction action = StepAction::reminder;
  std::vector<Channel> channels;
  std::optional<Term> term;   // the final notice's term, carried by the steps after it
  std::uint32_t skipped = 0;  // earlier steps passed over while catching up after downtime
};
struct CallTaskClosed {};
// Administration costs for the pre-collection letter: only to a business debtor, only where the
// creditor's terms allow (MODEL.md "Parties"; never to a consumer, NL-RULES 1.1 "No other costs").
struct AdminCostsCharged {
  Cents costs_cents = 0;
  std::vector<Cents> per_invoice_cents;
};
struct CostsCharged {
  Cents basis_cents = 0;
  Cents costs_cents = 0;  // excluding VAT
  Cents vat_cents = 0;
  std::vector<Cents> per_invoice_cents;  // costs + VAT split over the invoices
};
struct InterestCharged {
  std::vector<Cents> per_invoice_cents;
};
struct ClaimFixed {
  Claim claim;
};
struct PaymentApplied {
  PaymentRecord payment;
};
struct PaymentKeptForRefund {
  std::string payment_id;
  Cents amount_cents = 0;
  std::string source;
};
struct PaymentReversed {
  std::string payment_id;
  std::string reason;
};
struct DossierPaid {};
struct DossierReopened {};  // a paid dossier whose payment was reversed
struct CallLogged {
  CallOutcome outcome = CallOutcome::reached;
  std::string note;
};
struct PromiseMade {
  Date by{};
  Cents amount_cents = 0;
};
struct PromiseKept {};
struct PromiseBroken {};
struct ArrangementMade {
  std::vector<Installment> installments;
  int grace_days = 0;
};
struct InstallmentsChecked {
  std::uint32_t checked = 0;
};
struct ArrangementBroken {};
struct DisputeRaised {
  std::string reason;
};
struct DisputeResolved {
  bool upheld = false;
  std::vector<Cents> write_down_per_invoice_cents;  // principal taken off when upheld in part
};
struct PauseStarted {
  Date until{};
};
struct PauseEnded {};
struct Withdrawn {
  std::string reason;
};
struct WrittenOff {
  std::string reason;
};
struct NoteAdded {
  std::string text;
};
// The running term, counted again from a later presumed receipt (a letter that left late).
struct TermExtended {
  Term term;
};

using EventPayload =
    std::variant<DossierOpened, InvoiceAdded, StepPlanned, StepPerformed, CallTaskClosed,
                 AdminCostsCharged, CostsCharged, InterestCharged, ClaimFixed, PaymentApplied,
                 PaymentKeptForRefund, PaymentReversed, DossierPaid, DossierReopened, CallLogged,
                 PromiseMade, PromiseKept, PromiseBroken, ArrangementMade, InstallmentsChecked,
                 ArrangementBroken, DisputeRaised, DisputeResolved, PauseStarted, PauseEnded,
                 Withdrawn, WrittenOff, NoteAdded, TermExtended>;
std::string_view event_name(const EventPayload& payload);  // "step_performed", ...

struct Event {
  std::uint64_t seq = 0;  // position in the dossier's history
  Date date{};            // the day it happened (the clock's day when decided)
  std::string actor;
  EventPayload payload;
};

enum class DocumentKind : std::uint8_t {
  reminder,
  final_notice,      // to a business: the last reminder, with its term
  statutory_letter,  // to a consumer: the 14-day letter of art. 6:96 lid 6 BW
  promise_confirmation,
  arrangement_confirmation,
};
std::string_view to_string(DocumentKind kind);

struct SendDocument {
  DocumentKind kind = DocumentKind::reminder;
  std::string step;
  std::vector<Channel> channels;
  Date dispatch_on{};  // a working day: the term and the pay-by date count from it
  std::optional<Term> term;
  Cents open_cents = 0;
  Cents announced_costs_cents = 0;  // the exact statutory costs a statutory letter announces
  Date pay_by{};                    // the date the letter asks payment by
};
struct CallTask {
  Date due{};
};
struct HandOverExport {
  Claim claim;
};
struct RefundPayment {
  std::string payment_id;
  Cents amount_cents = 0;
};
using EffectPayload = std::variant<SendDocument, CallTask, HandOverExport, RefundPayment>;

// At most one effect per event, so the causing event's sequence number, with the dossier id, is the
// effect's stable identity (message ids, exactly-once dispatch), also when the events are replayed.
struct Effect {
  std::uint64_t seq = 0;
  EffectPayload payload;
};

}  // namespace pinc
