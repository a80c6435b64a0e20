#include "specification.hpp"

#include "letter_format.hpp"

namespace pinc::letters {

namespace {

// The labels in the two languages pinc writes.
struct Labels {
  const char* title;
  const char* invoice;
  const char* invoice_date;
  const char* due_date;
  const char* amount;
  const char* open;
  const char* payments;
  const char* no_payments;
  const char* principal;
  const char* admin_costs;
  const char* statutory_costs;
  const char* interest;
  const char* total;
  const char* iban;
  const char* in_name_of;
  const char* reference;
  const char* pay_by;
  const char* announced;
  const char* claim_principal;
  const char* claim_interest;
  const char* claim_costs;
  const char* claim_total;
  const char* interest_through;
  const char* dossier;
  const char* creditor;
};

constexpr Labels kDutch = {"Specificatie",
                           "Factuur",
                           "Factuurdatum",
                           "Vervaldatum",
                           "Bedrag",
                           "Open",
                           "Ontvangen betalingen",
                           "Nog geen betalingen ontvangen",
                           "Hoofdsom open",
                           "Administratiekosten",
                           "Buitengerechtelijke incassokosten",
                           "Rente",
                           "Totaal open",
                           "IBAN",
                           "t.n.v.",
                           "Betalingskenmerk",
                           "Uiterlijk betalen op",
                           "Incassokosten bij niet tijdig betalen",
                           "Hoofdsom",
                           "Wettelijke rente",
                           "Buitengerechtelijke incassokosten",
                           "Totaal overgedragen",
                           "Rente berekend tot en met",
                           "Dossier",
                           "Opdrachtgever"};

constexpr Labels kEnglish = {"Specification",
                             "Invoice",
                             "Invoice date",
                             "Due date",
                             "Amount",
                             "Open",
                             "Payments received",
                             "No payments received yet",
                             "Principal open",
                             "Administration costs",
                             "Collection costs",
                             "Interest",
                             "Total open",
                             "IBAN",
                             "in the name of",
                             "Payment reference",
                             "Pay by",
                             "Collection costs if not paid in time",
                             "Principal",
                             "Statutory interest",
                             "Collection costs",
                             "Total handed over",
                             "Interest computed through",
                             "File",
                             "Client"};

}  // namespace

Specification specification(const Letter& letter) {
  const Labels& l = is_english(letter.language) ? kEnglish : kDutch;
  const auto amount = [&](Cents cents) { return format_amount(cents, letter.language); };
  const auto date = [&](Date day) { return format_letter_date(day, letter.language); };

  Specification spec;
  spec.title = l.title;
  spec.invoice_columns = {l.invoice, l.invoice_date, l.due_date, l.amount, l.open};
  for (const LetterInvoice& invoice : letter.invoices)
    spec.invoice_rows.push_back({invoice.number, date(invoice.invoice_date), date(invoice.due_date),
                                 amount(invoice.amount_cents), amount(invoice.open_cents)});

  spec.payments_title = l.payments;
  for (const LetterPayment& payment : letter.payments)
    spec.payments.push_back({date(payment.date), amount(payment.amount_cents)});
  if (spec.payments.empty()) spec.payments.push_back({l.no_payments, ""});

  if (letter.kind == LetterKind::hand_over_notice && letter.claim) {
    // The creditor's report: what was handed over, as exported.
    const Claim& claim = *letter.claim;
    spec.amounts.push_back({l.claim_principal, amount(claim.principal_cents)});
    spec.amounts.push_back({l.claim_interest, amount(claim.interest_cents)});
    if (claim.interest_through != Date{})
      spec.amounts.push_back({l.interest_through, date(claim.interest_through)});
    spec.amounts.push_back({l.claim_costs, amount(claim.costs_cents)});
    spec.amounts.push_back({l.claim_total, amount(claim.total_cents), true});
    spec.payment_details.push_back({l.creditor, letter.creditor.name});
    spec.payment_details.push_back({l.dossier, std::to_string(letter.dossier)});
    spec.payment_details.push_back({l.reference, letter.payment_reference});
    return spec;
  }

  spec.amounts.push_back({l.principal, amount(letter.principal_open_cents)});
  // Admin costs only ever for a business debtor (NL-RULES 1.1: none on top of the statutory costs
  // for a consumer), and only when charged.
  if (letter.debtor_kind == DebtorKind::business && letter.admin_costs_open_cents > 0)
    spec.amounts.push_back({l.admin_costs, amount(letter.admin_costs_open_cents)});
  if (letter.statutory_costs_open_cents > 0)
    spec.amounts.push_back({l.statutory_costs, amount(letter.statutory_costs_open_cents)});
  if (letter.interest_open_cents > 0)
    spec.amounts.push_back({l.interest, amount(letter.interest_open_cents)});
  spec.amounts.push_back({l.total, amount(letter.open_cents), true});

  spec.payment_details.push_back({l.dossier, std::to_string(letter.dossier)});
  spec.payment_details.push_back(
      {l.iban, group_iban(letter.creditor.iban) + " " + l.in_name_of + " " + letter.creditor.name});
  spec.payment_details.push_back({l.reference, letter.payment_reference});
  spec.payment_details.push_back({l.pay_by, date(letter.pay_by), true});
  // The statutory letter must name the exact costs owed if the term passes (art. 6:96 lid 6 BW).
  if (letter.kind == LetterKind::statutory_letter)
    spec.payment_details.push_back({l.announced, amount(letter.announced_costs_cents)});
  return spec;
}

}  // namespace pinc::letters
