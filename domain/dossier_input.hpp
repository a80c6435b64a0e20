#pragma once
// Everything a dossier reacts to (MODEL.md "What a dossier reacts to"): its timers, payments, and
// the inputs of operators and creditors. An Input carries who sent it, for the history.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dossier_state.hpp"

namespace pinc {

struct InvoiceInput {
  std::string number;
  Date invoice_date{};
  Date due_date{};
  Cents amount_cents = 0;
};

struct OpenDossier {
  DossierId id = 0;
  std::string creditor;
  std::string strategy;
  std::string payment_reference;
  Debtor debtor;
  std::vector<InvoiceInput> invoices;
};
struct AddInvoice {
  InvoiceInput invoice;
};
// The dossier's timer came due (or a later one: after downtime the dossier catches up).
struct TimerFired {};
struct ReceivePayment {
  std::string payment_id;  // unique per payment; a second delivery of the same id changes nothing
  Cents amount_cents = 0;
  Date date{};  // credited on
  std::optional<std::string> designated_invoice;
  std::string source;  // "manual", "camt.053 <statement>", ...
};
struct ReversePayment {
  std::string payment_id;
  std::string reason;  // the bank's return reason, e.g. "AC04"
};

struct LogCall {
  CallOutcome outcome = CallOutcome::reached;
  std::string note;
};
struct MakePromise {
  Date by{};
  std::optional<Cents> amount_cents;  // default: everything open
};
struct Interval {
  int count = 1;
  enum class Unit : std::uint8_t { day, week, month } unit = Unit::month;
  friend bool operator==(const Interval&, const Interval&) = default;
};
Result<Interval> parse_interval(std::string_view text,
                                std::string_view field);  // "1m", "2w", "14d"
Date add_interval(Date date, const Interval& interval, int times);

struct MakeArrangement {
  int installments = 0;
  Date first{};
  Interval every;
};
struct RaiseDispute {
  std::string reason;
};
struct ResolveDispute {
  bool upheld = false;
  // Upheld in part: the principal the claim is corrected to; the flow then resumes on it.
  std::optional<Cents> corrected_principal_cents;
};
struct Pause {
  Date until{};
};
struct Resume {};
struct Withdraw {
  std::string reason;
};
struct WriteOff {
  std::string reason;
};
struct AddNote {
  std::string text;
};
// The outbox sent a letter later than its dispatch day (a relay that refused for a while, a
// daemon that was down): a term counted from the planned day would end too early (NL-RULES 2.4).
struct LetterSent {
  Date planned_on{};  // the letter's dispatch_on
  Channel channel = Channel::email;
  Date sent_on{};
};

using InputPayload =
    std::variant<OpenDossier, AddInvoice, TimerFired, ReceivePayment, ReversePayment, LogCall,
                 MakePromise, MakeArrangement, RaiseDispute, ResolveDispute, Pause, Resume,
                 Withdraw, WriteOff, AddNote, LetterSent>;
std::string_view input_name(
    const InputPayload& payload);  // "pay", "pause", ... as operators say it

struct Input {
  std::string actor;  // who or what sent it: "operator:anna", "feed:camt053", "timer"
  InputPayload payload;
};

}  // namespace pinc
