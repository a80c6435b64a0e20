#pragma once
// One document as it goes out: every figure it states, taken from the dossier and the effect that
// asked for it, so that rendering (templates, PDF, e-mail) only formats and never computes law.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier_event.hpp"
#include "dossier_state.hpp"

namespace pinc::letters {

enum class LetterKind : std::uint8_t {
  reminder,
  final_notice,      // business: the last reminder, with its term
  statutory_letter,  // consumer: the 14-day letter (art. 6:96 lid 6 BW)
  promise_confirmation,
  arrangement_confirmation,
  hand_over_notice,  // to the creditor: the dossier goes to collection
};
std::string_view to_string(LetterKind kind);  // "reminder", ... (the template's file name)
LetterKind letter_kind(DocumentKind kind);

// The agency running pincd: sender of every letter and e-mail (pincd's [agency] settings).
struct Agency {
  std::string name;
  std::string registration;  // Justis registration (Wki), stated on every debtor letter
  Address address;
  std::string phone, email, website;
};

// What a letter needs to know of the creditor (pincd's creditor records).
struct CreditorDetails {
  std::string id, name, iban, email;
  Address address;
};

struct Recipient {
  std::string name;
  Address address;
  std::string email;
};

struct LetterInvoice {
  std::string number;
  Date invoice_date{}, due_date{};
  Cents amount_cents = 0;  // as invoiced
  Cents open_cents = 0;    // principal + costs + interest still open on it
};

struct LetterPayment {
  Date date{};
  Cents amount_cents = 0;
};

struct Letter {
  LetterKind kind = LetterKind::reminder;
  std::string language = "nl";  // nl | en
  Agency agency;
  CreditorDetails creditor;
  Recipient recipient;  // the debtor; the creditor for a hand-over notice
  DebtorKind debtor_kind = DebtorKind::consumer;
  std::string debtor_name, debtor_ref;
  DossierId dossier = 0;
  std::uint64_t effect_seq = 0;
  std::string payment_reference;
  Date letter_date{};  // the dispatch date
  Date pay_by{};       // the date payment is asked by
  std::vector<LetterInvoice> invoices;
  std::vector<LetterPayment> payments;  // received and not reversed
  Cents principal_open_cents = 0;
  Cents admin_costs_open_cents = 0;      // business debtors only
  Cents statutory_costs_open_cents = 0;  // charged statutory collection costs still open
  Cents interest_open_cents = 0;
  Cents open_cents = 0;  // everything still open
  Cents paid_cents = 0;
  Cents announced_costs_cents = 0;  // statutory letter: the exact costs owed if not paid in time
  std::optional<Term> term;         // final notice / statutory letter
  std::optional<Promised> promise;
  std::vector<Installment> installments;  // arrangement confirmation
  std::optional<Claim> claim;             // hand-over notice
};

// The letter an effect asks for, as of the dossier's current state.
Letter build_letter(const DossierState& state, const SendDocument& document, std::uint64_t seq,
                    const CreditorDetails& creditor, const Agency& agency);
Letter build_hand_over_notice(const DossierState& state, const HandOverExport& export_effect,
                              std::uint64_t seq, const Date& on, const CreditorDetails& creditor,
                              const Agency& agency);

}  // namespace pinc::letters
