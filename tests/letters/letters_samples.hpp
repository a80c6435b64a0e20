#pragma once
// Letters as pincd would build them: a dossier run through the real domain until it asks for the
// letter, then build_letter on its state. Two invoices, one partial payment, so that every figure
// of the specification is distinct and can be looked for in the PDF.
#include "letters_fixture.hpp"

namespace pinc::letters::test {

inline constexpr Cents kInvoice1 = 30000;   // F-2026-001, due 15-01-2026
inline constexpr Cents kInvoice2 = 12345;   // F-2026-002, due 05-01-2026
inline constexpr Cents kPayment = 5000;     // paid 26-01-2026, allocated to F-2026-002 first
inline constexpr Cents kAdminCosts = 2750;  // business only, when the creditor's terms allow
inline constexpr Date kPaymentDate = make_date(2026, 1, 26);

struct Sample {
  Letter letter;
  DossierState state;  // as it was when the letter was asked for
  SendDocument document;
  std::optional<Claim> claim;
};

inline pinc::test::World opened_world(DebtorKind debtor_kind) {
  pinc::test::World world(kOpened);
  world.open(
      debtor_kind, true,
      {invoice("F-2026-001", kInvoice1, kDue), invoice("F-2026-002", kInvoice2, kDue - Days{10})});
  return world;
}

inline void pay(pinc::test::World& world) {
  world.advance_to(kPaymentDate);
  ReceivePayment payment;
  payment.payment_id = "bank-1";
  payment.amount_cents = kPayment;
  payment.date = kPaymentDate;
  payment.source = "manual";
  REQUIRE(world.send(payment));
}

// The letter of `kind` for a debtor of `debtor_kind` in `language`. Kinds the strategy never sends
// to that debtor (a final notice to a consumer, a statutory letter to a business) take the letter
// the strategy does send at that point and only change its kind, so every template is rendered for
// both debtors.
inline Sample sample(LetterKind kind, DebtorKind debtor_kind, const std::string& language = "nl",
                     bool admin_costs = false) {
  pinc::test::World world = opened_world(debtor_kind);
  Sample result;
  std::uint64_t seq = 0;
  const auto take = [&](DocumentKind document_kind, Date until) {
    auto [document, effect_seq] = run_until(world, document_kind, until);
    result.document = document;
    result.state = world.state;
    seq = effect_seq;
  };
  const DocumentKind final_kind = debtor_kind == DebtorKind::consumer
                                      ? DocumentKind::statutory_letter
                                      : DocumentKind::final_notice;
  switch (kind) {
    case LetterKind::reminder:
      take(DocumentKind::reminder, make_date(2026, 1, 31));
      break;
    case LetterKind::final_notice:
    case LetterKind::statutory_letter:
    case LetterKind::hand_over_notice:
      pay(world);
      take(final_kind, make_date(2026, 2, 28));
      break;
    case LetterKind::promise_confirmation: {
      pay(world);
      REQUIRE(world.send(MakePromise{make_date(2026, 2, 10), Cents{20000}}));
      take(DocumentKind::promise_confirmation, world.today);
      break;
    }
    case LetterKind::arrangement_confirmation: {
      pay(world);
      MakeArrangement arrangement;
      arrangement.installments = 3;
      arrangement.first = make_date(2026, 2, 16);
      arrangement.every = Interval{1, Interval::Unit::month};
      REQUIRE(world.send(arrangement));
      take(DocumentKind::arrangement_confirmation, world.today);
      break;
    }
  }
  DossierState state = result.state;
  state.debtor.language = language;
  if (admin_costs) {
    // What the domain books for admin costs: the charge, and its share on an invoice's costs.
    state.admin_costs_cents = kAdminCosts;
    state.invoices[0].costs_cents += kAdminCosts;
  }
  if (kind == LetterKind::hand_over_notice) {
    world.advance_to(make_date(2026, 3, 31));
    const auto exports = world.effects_of<HandOverExport>();
    REQUIRE(exports.size() == 1);
    result.claim = exports[0].second.claim;
    result.state = world.state;
    state = world.state;
    state.debtor.language = language;
    result.letter = build_hand_over_notice(state, exports[0].second, 77, exports[0].first,
                                           creditor(), agency());
    result.letter.language = language;
    return result;
  }
  result.letter = build_letter(state, result.document, seq, creditor(), agency());
  result.letter.kind = kind;
  return result;
}

}  // namespace pinc::letters::test
