#pragma once
// What a dossier is at a moment: the fold of its events (see dossier.hpp). Plain data, copied
// freely; owned by exactly one dossier actor at a time. Money is integer cents; dates are days.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "allocation.hpp"
#include "calendar.hpp"
#include "date.hpp"
#include "money.hpp"
#include "result.hpp"
#include "strategy.hpp"

namespace pinc {

using DossierId = std::uint64_t;

// The last step a dossier performed (MODEL.md "Stages"), or where it ended.
enum class Stage : std::uint8_t {
  opened,
  reminder,
  call,
  final_notice,
  deadline,
  handed_over,
  paid,
  withdrawn,
  written_off,
};
inline constexpr Stage kAllStages[] = {Stage::opened,       Stage::reminder,  Stage::call,
                                       Stage::final_notice, Stage::deadline,  Stage::handed_over,
                                       Stage::paid,         Stage::withdrawn, Stage::written_off};
std::string_view to_string(Stage stage);
Result<Stage> parse_stage(std::string_view text, std::string_view field);

// Terminal for this engine: nothing changes the claim or the flow any more.
constexpr bool is_terminal(Stage stage) {
  return stage == Stage::handed_over || stage == Stage::withdrawn || stage == Stage::written_off;
}
// Closed: terminal, or paid (a paid dossier reopens only when its payment is reversed).
constexpr bool is_closed(Stage stage) {
  return is_terminal(stage) || stage == Stage::paid;
}

struct Address {
  std::string street, postcode, city, country;
  friend bool operator==(const Address&, const Address&) = default;
};

struct Debtor {
  std::string
      ref;  // the creditor's reference for the debtor; with the creditor it names the dossier
  std::string name;
  DebtorKind kind = DebtorKind::consumer;
  std::string email, phone;
  Address address;
  std::string language = "nl";
  friend bool operator==(const Debtor&, const Debtor&) = default;
};

struct Invoice {
  std::string number;  // the creditor's invoice number, unique within the creditor
  Date invoice_date{};
  Date due_date{};
  Cents amount_cents = 0;     // as invoiced (after any correction of a dispute upheld)
  Cents principal_cents = 0;  // still open
  Cents costs_cents = 0;      // open share of the costs charged to the dossier
  Cents interest_cents = 0;   // open interest booked (interest is booked at hand-over)
  friend bool operator==(const Invoice&, const Invoice&) = default;
};

// One payment applied to the claim, kept so that a reversal can undo exactly what it did.
struct PaymentRecord {
  std::string id;  // the payment's identity (bank dedupe key or operator booking id)
  Date date{};     // credited on (art. 6:114 lid 2 BW)
  Cents amount_cents = 0;
  std::vector<ClaimAllocation> allocation;  // per invoice, in the order of DossierState::invoices
  Cents to_credit_cents = 0;                // overpayment kept as a credit
  std::string source;
  bool for_refund = false;  // received while the dossier was closed: not applied, to be refunded
  bool reversed = false;
  friend bool operator==(const PaymentRecord&, const PaymentRecord&) = default;
};

// What an operator's call came to.
enum class CallOutcome : std::uint8_t {
  reached,
  promise,
  arrangement_asked,
  dispute,
  no_answer,
  wrong_number,
};
std::string_view to_string(CallOutcome outcome);
Result<CallOutcome> parse_call_outcome(std::string_view text, std::string_view field);

// Side states: the flow is held while one of these is active, and resumes where it was after.
struct Promised {
  Date by{};
  Cents amount_cents = 0;
  Cents paid_before_cents = 0;  // paid_cents when the promise was made
  friend bool operator==(const Promised&, const Promised&) = default;
};
struct Installment {
  Date due{};
  Cents amount_cents = 0;
  friend bool operator==(const Installment&, const Installment&) = default;
};
struct Arranged {
  std::vector<Installment> installments;
  Cents paid_before_cents = 0;  // paid_cents when the arrangement was made
  int grace_days = 0;
  std::uint32_t checked = 0;  // installments whose grace period has passed and were found paid
  friend bool operator==(const Arranged&, const Arranged&) = default;
};
struct Disputed {
  std::string reason;
  Date since{};
  friend bool operator==(const Disputed&, const Disputed&) = default;
};
struct Paused {
  Date until{};
  friend bool operator==(const Paused&, const Paused&) = default;
};
using SideState = std::variant<std::monostate, Promised, Arranged, Disputed, Paused>;
std::string_view side_state_name(const SideState& side);  // "" when none

// The step the dossier performs next, with the date the strategy gives it.
struct PendingStep {
  std::size_t index = 0;  // in the strategy's step list
  std::string name;
  StepAction action = StepAction::reminder;
  Date date{};
  bool waits_for_call = false;  // the strategy holds it until the open call task is logged
  friend bool operator==(const PendingStep&, const PendingStep&) = default;
};

struct Schedule {
  std::optional<PerformedStep> last;  // carries the running final-notice term
  std::optional<PendingStep> pending;
  std::optional<Date> costs_due_on;  // first day statutory costs may be charged (NL-RULES 2.4)
  bool costs_charged = false;
  bool call_task_open = false;
  std::optional<Date> call_task_due;
};

// What was handed over: principal, interest from the first day of default, statutory costs.
struct Claim {
  Cents principal_cents = 0;
  Cents interest_cents = 0;
  Cents costs_cents = 0;  // statutory collection costs, VAT included where the creditor claims it
  Cents total_cents = 0;
  Date interest_through{};
  std::string interest_table;  // the rate table the interest was computed with
  std::string interest_note;   // why interest is missing or partial, when it is
  friend bool operator==(const Claim&, const Claim&) = default;
};

struct DossierState {
  DossierId id = 0;
  bool created = false;
  std::string creditor;
  std::string strategy;
  std::string payment_reference;
  Debtor debtor;
  Date opened{};

  Stage stage = Stage::opened;
  Stage stage_before_paid = Stage::opened;
  SideState side;
  Schedule schedule;

  std::vector<Invoice> invoices;
  std::vector<PaymentRecord> payments;
  Cents costs_charged_cents = 0;     // statutory costs charged, VAT included
  Cents admin_costs_cents = 0;       // administration costs charged (business debtors only)
  Cents interest_charged_cents = 0;  // interest booked (at hand-over)
  Cents written_down_cents = 0;      // principal taken off by a dispute upheld in part
  Cents credit_cents = 0;            // overpayment kept as a credit, to be refunded
  Cents refund_due_cents = 0;        // received while closed, to be refunded
  std::optional<Claim> claim;        // set at hand-over

  std::uint64_t next_event_seq = 0;
};

Cents principal_open_cents(const DossierState& state);
Cents open_cents(const DossierState& state);  // principal + costs + interest still open
Cents paid_cents(const DossierState& state);  // applied to the claim, reversals excluded
Date latest_due_date(const DossierState& state);
// The stage as operators see it: a side state ("promised", "disputed", ...) shows over the stage.
std::string_view display_stage(const DossierState& state);

}  // namespace pinc
