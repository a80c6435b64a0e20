// build_letter and build_hand_over_notice take every figure from the dossier and the effect: the
// letters state what the domain computed, nothing recomputed or rounded on the way.
#include <catch2/catch.hpp>

#include "collection_costs.hpp"
#include "letters_samples.hpp"

using namespace pinc;
using namespace pinc::letters;
using namespace pinc::letters::test;

TEST_CASE("letter kinds are named as their template files", "[letters]") {
  CHECK(to_string(LetterKind::reminder) == "reminder");
  CHECK(to_string(LetterKind::final_notice) == "final_notice");
  CHECK(to_string(LetterKind::statutory_letter) == "statutory_letter");
  CHECK(to_string(LetterKind::promise_confirmation) == "promise_confirmation");
  CHECK(to_string(LetterKind::arrangement_confirmation) == "arrangement_confirmation");
  CHECK(to_string(LetterKind::hand_over_notice) == "hand_over_notice");
  CHECK(letter_kind(DocumentKind::statutory_letter) == LetterKind::statutory_letter);
  CHECK(letter_kind(DocumentKind::final_notice) == LetterKind::final_notice);
  CHECK(letter_kind(DocumentKind::arrangement_confirmation) ==
        LetterKind::arrangement_confirmation);
}

TEST_CASE("the statutory letter states the domain's figures, term and announced costs",
          "[letters]") {
  const Sample s = sample(LetterKind::statutory_letter, DebtorKind::consumer);
  const Letter& letter = s.letter;
  REQUIRE(s.document.kind == DocumentKind::statutory_letter);

  CHECK(letter.language == "nl");
  CHECK(letter.recipient.name == s.state.debtor.name);
  CHECK(letter.recipient.address == s.state.debtor.address);
  CHECK(letter.recipient.email == s.state.debtor.email);
  CHECK(letter.debtor_kind == DebtorKind::consumer);
  CHECK(letter.dossier == 42);
  CHECK(letter.payment_reference == "5000056789012345");
  CHECK(letter.letter_date == s.document.dispatch_on);

  REQUIRE(letter.invoices.size() == 2);
  CHECK(letter.invoices[0].number == "F-2026-001");
  CHECK(letter.invoices[0].amount_cents == kInvoice1);
  CHECK(letter.invoices[0].open_cents == kInvoice1);
  CHECK(letter.invoices[1].amount_cents == kInvoice2);
  CHECK(letter.invoices[1].open_cents == kInvoice2 - kPayment);  // 6:43: the older invoice first
  REQUIRE(letter.payments.size() == 1);
  CHECK(letter.payments[0].date == kPaymentDate);
  CHECK(letter.payments[0].amount_cents == kPayment);
  CHECK(letter.paid_cents == kPayment);
  CHECK(letter.principal_open_cents == kInvoice1 + kInvoice2 - kPayment);
  CHECK(letter.open_cents == open_cents(s.state));
  CHECK(letter.admin_costs_open_cents == 0);
  CHECK(letter.statutory_costs_open_cents == 0);

  // The costs on what is still open (art. 6:96 lid 7: summed; Besluit BIK art. 2).
  const std::vector<Cents> open = {kInvoice1, kInvoice2 - kPayment};
  const auto costs = statutory_collection_costs(open);
  REQUIRE(costs);
  CHECK(letter.announced_costs_cents == costs->total_cents);
  CHECK(letter.announced_costs_cents == 5602);  // 15% of 373.45, half-up

  const Calendar calendar;
  const Term term = statutory_term(calendar, s.document.dispatch_on, s.document.channels);
  REQUIRE(letter.term);
  CHECK(*letter.term == term);
  CHECK(letter.pay_by == term.last_day);
}

TEST_CASE("the letter is written in English only when the debtor asked for it", "[letters]") {
  CHECK(sample(LetterKind::reminder, DebtorKind::consumer, "en").letter.language == "en");
  CHECK(sample(LetterKind::reminder, DebtorKind::consumer, "de").letter.language == "nl");
}

TEST_CASE("admin costs show for a business debtor and never for a consumer", "[letters]") {
  const Letter business = sample(LetterKind::final_notice, DebtorKind::business, "nl", true).letter;
  CHECK(business.admin_costs_open_cents == kAdminCosts);
  CHECK(business.statutory_costs_open_cents == 0);
  CHECK(business.open_cents == kInvoice1 + kInvoice2 - kPayment + kAdminCosts);

  // Were a consumer's ledger ever to carry such a charge, it is not shown as admin costs.
  const Letter consumer = sample(LetterKind::reminder, DebtorKind::consumer, "nl", true).letter;
  CHECK(consumer.admin_costs_open_cents == 0);
}

TEST_CASE("confirmations carry the promise and the installments", "[letters]") {
  const Letter promise = sample(LetterKind::promise_confirmation, DebtorKind::consumer).letter;
  REQUIRE(promise.promise);
  CHECK(promise.promise->by == make_date(2026, 2, 10));
  CHECK(promise.promise->amount_cents == 20000);
  CHECK(promise.pay_by == make_date(2026, 2, 10));

  const Letter arranged = sample(LetterKind::arrangement_confirmation, DebtorKind::business).letter;
  REQUIRE(arranged.installments.size() == 3);
  CHECK(arranged.installments[0].due == make_date(2026, 2, 16));
  Cents total = 0;
  for (const Installment& installment : arranged.installments) total += installment.amount_cents;
  CHECK(total == arranged.open_cents);
}

TEST_CASE("the hand-over notice goes to the creditor with the exported claim", "[letters]") {
  const Sample s = sample(LetterKind::hand_over_notice, DebtorKind::consumer);
  REQUIRE(s.claim);
  CHECK(s.letter.kind == LetterKind::hand_over_notice);
  CHECK(s.letter.recipient.name == creditor().name);
  CHECK(s.letter.recipient.address == creditor().address);
  REQUIRE(s.letter.claim);
  CHECK(*s.letter.claim == *s.claim);
  CHECK(s.letter.claim->total_cents ==
        s.claim->principal_cents + s.claim->interest_cents + s.claim->costs_cents);
  CHECK(s.letter.effect_seq == 77);
}
