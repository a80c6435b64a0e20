#pragma once
// What a letter must state, checked on any text of it: a rendered template, the PDF read back by
// pdftotext, or the e-mail text. Figures are formatted with letter_format.hpp, the one place that
// writes them, and compared with the figures the domain computed.
#include "letters_fixture.hpp"

namespace pinc::letters::test {

inline std::string amount(Cents cents, const Letter& letter) {
  return format_amount(cents, letter.language);
}
inline std::string date(Date day, const Letter& letter) {
  return format_letter_date(day, letter.language);
}

// The template's own text (without the specification pinc appends).
inline void check_template_content(const std::string& raw, const Letter& letter) {
  const std::string text = squeeze(raw);
  INFO(raw);
  CHECK(!contains(text, "{{"));
  CHECK(contains(text, letter.agency.name));
  if (letter.kind == LetterKind::hand_over_notice) {  // to the creditor itself
    REQUIRE(letter.claim);
    CHECK(contains(text, amount(letter.claim->principal_cents, letter)));
    CHECK(contains(text, amount(letter.claim->interest_cents, letter)));
    CHECK(contains(text, amount(letter.claim->costs_cents, letter)));
    CHECK(contains(text, amount(letter.claim->total_cents, letter)));
    return;
  }
  CHECK(contains(text, letter.creditor.name));
  CHECK(contains(text, letter.agency.registration));
  for (const LetterInvoice& invoice : letter.invoices) {
    CHECK(contains(text, invoice.number));
    CHECK(contains(text, date(invoice.invoice_date, letter)));
    CHECK(contains(text, amount(invoice.amount_cents, letter)));
  }
  CHECK(contains(text, group_iban(letter.creditor.iban)));
  CHECK(contains(text, letter.payment_reference));
  if (!letter.payments.empty()) CHECK(contains(text, amount(letter.paid_cents, letter)));
  if (letter.kind != LetterKind::promise_confirmation)
    CHECK(contains(text, amount(letter.open_cents, letter)));
  if (letter.kind == LetterKind::arrangement_confirmation) {
    for (const Installment& installment : letter.installments) {
      CHECK(contains(text, date(installment.due, letter)));
      CHECK(contains(text, amount(installment.amount_cents, letter)));
    }
  } else {
    CHECK(contains(text, date(letter.pay_by, letter)));
  }
}

// The whole letter as sent: template text and the specification.
inline void check_full_content(const std::string& raw, const Letter& letter) {
  const std::string text = squeeze(raw);
  INFO(raw);
  CHECK(contains(text, letter.agency.name));
  CHECK(contains(text, letter.agency.registration));
  CHECK(contains(text, letter.creditor.name));
  CHECK(contains(text, letter.payment_reference));
  CHECK(contains(text, std::to_string(letter.dossier)));
  for (const LetterInvoice& invoice : letter.invoices) {
    CHECK(contains(text, invoice.number));
    CHECK(contains(text, date(invoice.invoice_date, letter)));
    CHECK(contains(text, date(invoice.due_date, letter)));
    CHECK(contains(text, amount(invoice.amount_cents, letter)));
    CHECK(contains(text, amount(invoice.open_cents, letter)));
  }
  for (const LetterPayment& payment : letter.payments) {
    CHECK(contains(text, date(payment.date, letter)));
    CHECK(contains(text, amount(payment.amount_cents, letter)));
  }
  if (letter.kind == LetterKind::hand_over_notice) {
    CHECK(contains(text, amount(letter.claim->total_cents, letter)));
    return;
  }
  CHECK(contains(text, group_iban(letter.creditor.iban)));
  CHECK(contains(text, amount(letter.principal_open_cents, letter)));
  CHECK(contains(text, amount(letter.open_cents, letter)));
  CHECK(contains(text, date(letter.pay_by, letter)));
  if (letter.statutory_costs_open_cents > 0)
    CHECK(contains(text, amount(letter.statutory_costs_open_cents, letter)));
  if (letter.interest_open_cents > 0)
    CHECK(contains(text, amount(letter.interest_open_cents, letter)));
}

// The only amounts a letter may show: the claim's own figures, plus the announced costs in a
// statutory (or business final) letter and admin costs for a business. Anything else would be a
// cost the debtor was not told of (NL-RULES 1.1, 2.2).
inline std::set<std::string> allowed_amounts(const Letter& letter) {
  std::set<std::string> allowed;
  const auto add = [&](Cents cents) { allowed.insert(amount(cents, letter)); };
  for (const LetterInvoice& invoice : letter.invoices) {
    add(invoice.amount_cents);
    add(invoice.open_cents);
  }
  for (const LetterPayment& payment : letter.payments) add(payment.amount_cents);
  add(letter.paid_cents);
  add(letter.principal_open_cents);
  add(letter.open_cents);
  if (letter.statutory_costs_open_cents > 0) add(letter.statutory_costs_open_cents);
  if (letter.interest_open_cents > 0) add(letter.interest_open_cents);
  if (letter.debtor_kind == DebtorKind::business && letter.admin_costs_open_cents > 0)
    add(letter.admin_costs_open_cents);
  if (letter.kind == LetterKind::statutory_letter ||
      (letter.kind == LetterKind::final_notice && letter.debtor_kind == DebtorKind::business))
    add(letter.announced_costs_cents);
  if (letter.promise) add(letter.promise->amount_cents);
  for (const Installment& installment : letter.installments) add(installment.amount_cents);
  if (letter.claim) {
    add(letter.claim->principal_cents);
    add(letter.claim->interest_cents);
    add(letter.claim->costs_cents);
    add(letter.claim->total_cents);
  }
  return allowed;
}

inline void check_only_allowed_amounts(const std::string& raw, const Letter& letter) {
  const auto allowed = allowed_amounts(letter);
  for (const std::string& found : amounts_in(squeeze(raw))) {
    INFO(raw);
    INFO("amount " << found);
    CHECK(allowed.count(found) == 1);
  }
}

inline void check_statutory_wording(const std::string& raw, const Letter& letter) {
  const std::string text = squeeze(raw);
  INFO(raw);
  if (is_english(letter.language))
    CHECK(contains(text, "from the day after the day you receive this letter"));
  else
    CHECK(contains(text, "na de dag van ontvangst van deze brief"));
  CHECK(contains(text, amount(letter.announced_costs_cents, letter)));
  CHECK(contains(text, date(letter.term->last_day, letter)));
}

}  // namespace pinc::letters::test
