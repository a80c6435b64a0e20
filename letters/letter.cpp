#include "letter.hpp"

#include <algorithm>
#include <array>
#include <variant>

namespace pinc::letters {

namespace {

constexpr std::array<std::string_view, 6> kKindNames = {"reminder",
                                                        "final_notice",
                                                        "statutory_letter",
                                                        "promise_confirmation",
                                                        "arrangement_confirmation",
                                                        "hand_over_notice"};

// Only the languages pinc ships texts for; anything else is written in Dutch, the language of the
// law the letters rest on.
std::string letter_language(const Debtor& debtor) {
  return debtor.language == "en" ? "en" : "nl";
}

// The fields every letter of the dossier shares, whoever receives it.
Letter dossier_letter(const DossierState& state, std::uint64_t seq, const CreditorDetails& creditor,
                      const Agency& agency) {
  Letter letter;
  letter.language = letter_language(state.debtor);
  letter.agency = agency;
  letter.creditor = creditor;
  letter.debtor_kind = state.debtor.kind;
  letter.debtor_name = state.debtor.name;
  letter.debtor_ref = state.debtor.ref;
  letter.dossier = state.id;
  letter.effect_seq = seq;
  letter.payment_reference = state.payment_reference;

  Cents costs_open = 0;
  for (const Invoice& invoice : state.invoices) {
    const Cents open = invoice.principal_cents + invoice.costs_cents + invoice.interest_cents;
    letter.invoices.push_back(
        {invoice.number, invoice.invoice_date, invoice.due_date, invoice.amount_cents, open});
    costs_open += invoice.costs_cents;
    letter.interest_open_cents += invoice.interest_cents;
  }
  for (const PaymentRecord& payment : state.payments)
    if (!payment.reversed && !payment.for_refund)
      letter.payments.push_back({payment.date, payment.amount_cents});

  letter.principal_open_cents = principal_open_cents(state);
  // The ledger keeps one costs share per invoice, admin and statutory together. Payments reach
  // costs first (art. 6:44 BW) without saying which kind, so the open admin costs are taken as at
  // most what was charged and the rest as statutory. A consumer is never charged admin costs
  // (NL-RULES 1.1), so for a consumer every open cost is statutory.
  if (state.debtor.kind == DebtorKind::business)
    letter.admin_costs_open_cents = std::min(state.admin_costs_cents, costs_open);
  letter.statutory_costs_open_cents = costs_open - letter.admin_costs_open_cents;
  letter.open_cents = open_cents(state);
  letter.paid_cents = paid_cents(state);
  return letter;
}

// The date the letter asks payment by. The effect carries it; an effect recorded before it did
// (zero date) falls back to what the dossier itself says: the term's last day, the promised date,
// the first installment, else fourteen days from the letter.
Date pay_by_date(const SendDocument& document, const Letter& letter) {
  if (document.pay_by != Date{}) return document.pay_by;
  if (document.term) return document.term->last_day;
  if (letter.promise) return letter.promise->by;
  if (!letter.installments.empty()) return letter.installments.front().due;
  return document.dispatch_on + Days{14};
}

}  // namespace

std::string_view to_string(LetterKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

LetterKind letter_kind(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::reminder:
      return LetterKind::reminder;
    case DocumentKind::final_notice:
      return LetterKind::final_notice;
    case DocumentKind::statutory_letter:
      return LetterKind::statutory_letter;
    case DocumentKind::promise_confirmation:
      return LetterKind::promise_confirmation;
    case DocumentKind::arrangement_confirmation:
      return LetterKind::arrangement_confirmation;
  }
  return LetterKind::reminder;
}

Letter build_letter(const DossierState& state, const SendDocument& document, std::uint64_t seq,
                    const CreditorDetails& creditor, const Agency& agency) {
  Letter letter = dossier_letter(state, seq, creditor, agency);
  letter.kind = letter_kind(document.kind);
  letter.recipient = {state.debtor.name, state.debtor.address, state.debtor.email};
  letter.letter_date = document.dispatch_on;
  letter.term = document.term;
  letter.announced_costs_cents = document.announced_costs_cents;
  if (const auto* promised = std::get_if<Promised>(&state.side)) letter.promise = *promised;
  if (const auto* arranged = std::get_if<Arranged>(&state.side))
    letter.installments = arranged->installments;
  letter.pay_by = pay_by_date(document, letter);
  return letter;
}

Letter build_hand_over_notice(const DossierState& state, const HandOverExport& export_effect,
                              std::uint64_t seq, const Date& on, const CreditorDetails& creditor,
                              const Agency& agency) {
  Letter letter = dossier_letter(state, seq, creditor, agency);
  letter.kind = LetterKind::hand_over_notice;
  // The notice reports to the creditor, in the agency's language with its clients: Dutch.
  letter.language = "nl";
  letter.recipient = {creditor.name, creditor.address, creditor.email};
  letter.letter_date = on;
  letter.pay_by = on;
  letter.claim = export_effect.claim;
  return letter;
}

}  // namespace pinc::letters
