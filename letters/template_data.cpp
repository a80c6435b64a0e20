#include "template_data.hpp"

#include "letter_format.hpp"

namespace pinc::letters {

using kainjow::mustache::data;

data template_data(const Letter& letter) {
  const std::string& language = letter.language;
  const auto amount = [&](Cents cents) { return format_amount(cents, language); };
  const auto date = [&](Date day) { return format_letter_date(day, language); };
  const bool business = letter.debtor_kind == DebtorKind::business;

  data values;
  values.set("language", language);
  values.set("agency_name", letter.agency.name);
  values.set("agency_registration", letter.agency.registration);
  values.set("agency_address", one_line_address(letter.agency.address));
  values.set("agency_phone", letter.agency.phone);
  values.set("agency_email", letter.agency.email);
  values.set("agency_website", letter.agency.website);
  values.set("creditor_name", letter.creditor.name);
  values.set("creditor_iban", group_iban(letter.creditor.iban));
  values.set("payment_reference", letter.payment_reference);
  values.set("dossier", std::to_string(letter.dossier));
  values.set("debtor_name", letter.debtor_name);
  values.set("debtor_ref", letter.debtor_ref);
  values.set("has_debtor_ref", !letter.debtor_ref.empty());
  values.set("recipient_name", letter.recipient.name);
  values.set("letter_date", date(letter.letter_date));
  values.set("pay_by", date(letter.pay_by));
  values.set("open", amount(letter.open_cents));
  values.set("paid", amount(letter.paid_cents));
  values.set("principal_open", amount(letter.principal_open_cents));
  values.set("interest_open", amount(letter.interest_open_cents));
  values.set("statutory_costs", amount(letter.statutory_costs_open_cents));
  values.set("admin_costs", amount(letter.admin_costs_open_cents));
  values.set("announced_costs", amount(letter.announced_costs_cents));
  values.set("is_business", business);
  values.set("is_consumer", !business);
  values.set("has_payments", !letter.payments.empty());
  // Admin costs are a business matter only (NL-RULES 1.1): a consumer's letter never shows them.
  values.set("has_admin_costs", business && letter.admin_costs_open_cents > 0);
  values.set("has_statutory_costs", letter.statutory_costs_open_cents > 0);
  values.set("has_interest", letter.interest_open_cents > 0);
  values.set("has_announced_costs", letter.announced_costs_cents > 0);
  values.set("several_invoices", letter.invoices.size() > 1);

  values.set("has_term", letter.term.has_value());
  if (letter.term) {
    values.set("term_first_day", date(letter.term->first_day));
    values.set("term_last_day", date(letter.term->last_day));
    values.set("receipt_date", date(letter.term->receipt));
    values.set("term_days", std::to_string(letter.term->term_days));
  }
  values.set("has_promise", letter.promise.has_value());
  if (letter.promise) {
    values.set("promise_by", date(letter.promise->by));
    values.set("promise_amount", amount(letter.promise->amount_cents));
  }
  values.set("has_claim", letter.claim.has_value());
  if (letter.claim) {
    values.set("claim_principal", amount(letter.claim->principal_cents));
    values.set("claim_interest", amount(letter.claim->interest_cents));
    values.set("claim_costs", amount(letter.claim->costs_cents));
    values.set("claim_total", amount(letter.claim->total_cents));
  }

  data invoices{data::type::list};
  for (const LetterInvoice& invoice : letter.invoices) {
    data item;
    item.set("number", invoice.number);
    item.set("date", date(invoice.invoice_date));
    item.set("due", date(invoice.due_date));
    item.set("amount", amount(invoice.amount_cents));
    item.set("open", amount(invoice.open_cents));
    invoices.push_back(item);
  }
  values.set("invoices", invoices);

  data installments{data::type::list};
  for (const Installment& installment : letter.installments) {
    data item;
    item.set("due", date(installment.due));
    item.set("amount", amount(installment.amount_cents));
    installments.push_back(item);
  }
  values.set("installments", installments);
  values.set("installment_count", std::to_string(letter.installments.size()));

  data payments{data::type::list};
  for (const LetterPayment& payment : letter.payments) {
    data item;
    item.set("date", date(payment.date));
    item.set("amount", amount(payment.amount_cents));
    payments.push_back(item);
  }
  values.set("payments", payments);
  return values;
}

}  // namespace pinc::letters
