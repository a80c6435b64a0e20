// The dossier state machine, scenario by scenario, on a simulated day counter (no actors, disk or
// network). Expected dates and figures are worked out by hand in the comments from the default
// strategy (issue text), NL-RULES and MODEL.md.
#include <catch2/catch.hpp>

#include "dossier_world.hpp"

using namespace pinc;
using pinc::test::World;

namespace {
constexpr Date kDue = make_date(2026, 1, 15);     // Thursday
constexpr Date kOpened = make_date(2026, 1, 20);  // Tuesday

InvoiceInput invoice(std::string number, Cents amount_cents, Date due = kDue) {
  return InvoiceInput{std::move(number), due - Days{30}, due, amount_cents};
}

using Steps = std::vector<std::pair<std::string, Date>>;
}  // namespace

TEST_CASE(
    "a consumer who never pays goes through every step of the default strategy on its date "
    "(NL-RULES 2.3, 2.4, 4.2; art. 6:96 lid 6 BW)",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 3, 31));

  // reminder: later of the 3rd working day after Thu 15-01 (Tue 20-01) and the first working day
  //   after opening on Tue 20-01 (Wed 21-01) -> Wed 21-01;
  // call: 7 days after 21-01 -> Wed 28-01; final notice: 4 days after 28-01 is Sun 01-02 -> Mon
  // 02-02; deadline: post receipt Wed 04-02 (later than the e-mail's 02-02), term 05-02..18-02;
  // hand-over: the 2nd working day after 18-02 -> Fri 20-02.
  REQUIRE(world.performed() == Steps{{"reminder", make_date(2026, 1, 21)},
                                     {"call", make_date(2026, 1, 28)},
                                     {"final_notice", make_date(2026, 2, 2)},
                                     {"deadline", make_date(2026, 2, 18)},
                                     {"handed_over", make_date(2026, 2, 20)}});
  REQUIRE(world.state.stage == Stage::handed_over);

  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.size() == 2);
  CHECK(letters[0].second.kind == DocumentKind::reminder);
  CHECK(letters[0].second.channels == std::vector<Channel>{Channel::email});
  CHECK(letters[1].second.kind == DocumentKind::statutory_letter);
  CHECK(letters[1].second.channels.size() == 2);           // post and e-mail
  CHECK(letters[1].second.announced_costs_cents == 7500);  // 15% of 500.00 (Besluit BIK art. 2)
  CHECK(letters[1].second.term->costs_from == make_date(2026, 2, 19));
  REQUIRE(world.effects_of<CallTask>().size() == 1);

  // Costs are charged on the first day after the term (19-02), not a day earlier.
  const auto costs = world.events_of<CostsCharged>();
  REQUIRE(costs.size() == 1);
  CHECK(costs[0].first == make_date(2026, 2, 19));
  CHECK(costs[0].second.costs_cents == 7500);

  // The claim: interest at 4% (6:119 BW, rate from 1-1-2026) over 16-01..20-02 = 36 days:
  // 50000 x 4% x 36/365 = 197.26 cents -> 197; plus the costs of 75.00.
  const auto handed = world.effects_of<HandOverExport>();
  REQUIRE(handed.size() == 1);
  const Claim& claim = handed[0].second.claim;
  CHECK(claim.principal_cents == 50000);
  CHECK(claim.interest_cents == 197);
  CHECK(claim.costs_cents == 7500);
  CHECK(claim.total_cents == 57697);
  CHECK(claim.interest_through == make_date(2026, 2, 20));
  CHECK(claim.interest_note.empty());
  CHECK_FALSE(next_timer(world.state));
}

TEST_CASE(
    "a business without e-mail gets post, a 10-day term extended by the Atw, and commercial "
    "interest (art. 6:119a BW; Atw art. 1)",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::business, false, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 3, 31));
  // final notice Mon 02-02 by post -> receipt Wed 04-02; 10 days: 05-02..Sat 14-02, extended to
  // Mon 16-02; hand-over on the 2nd working day after: Wed 18-02.
  REQUIRE(world.performed() == Steps{{"reminder", make_date(2026, 1, 21)},
                                     {"call", make_date(2026, 1, 28)},
                                     {"final_notice", make_date(2026, 2, 2)},
                                     {"deadline", make_date(2026, 2, 16)},
                                     {"handed_over", make_date(2026, 2, 18)}});
  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.size() == 2);
  CHECK(letters[0].second.channels == std::vector<Channel>{Channel::post});
  CHECK(letters[1].second.kind == DocumentKind::final_notice);
  CHECK(letters[1].second.channels == std::vector<Channel>{Channel::post});
  // 10.15% over 16-01..18-02 = 34 days: 50000 x 10.15% x 34/365 = 472.74 -> 473.
  const Claim& claim = world.effects_of<HandOverExport>().at(0).second.claim;
  CHECK(claim.interest_cents == 473);
  CHECK(claim.costs_cents == 7500);
}

TEST_CASE("a full payment ends the flow: paid, no later step, no later letter", "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 1, 22));  // after the reminder
  REQUIRE(world.send(ReceivePayment{"bank-1", 50000, world.today, std::nullopt, "test"}));
  REQUIRE(world.state.stage == Stage::paid);
  REQUIRE_FALSE(next_timer(world.state));
  world.advance_to(make_date(2026, 4, 30));
  REQUIRE(world.performed() == Steps{{"reminder", make_date(2026, 1, 21)}});
  REQUIRE(world.effects_of<SendDocument>().size() == 1);
}

TEST_CASE("the same payment delivered twice is applied once", "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  REQUIRE(world.send(ReceivePayment{"bank-1", 10000, world.today, std::nullopt, "test"}));
  auto again = world.send(ReceivePayment{"bank-1", 10000, world.today, std::nullopt, "test"});
  REQUIRE(again);
  CHECK(again->duplicate);
  CHECK(again->events.empty());
  CHECK(open_cents(world.state) == 40000);
}

TEST_CASE(
    "a partial payment inside the 14-day term lowers the costs basis (HR 25-11-2016, "
    "NL-RULES 1.3)",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false, {invoice("F-1", 100000)});
  world.advance_to(make_date(2026, 2, 10));  // final notice sent 02-02, term runs to 18-02
  REQUIRE(world.effects_of<SendDocument>().back().second.announced_costs_cents == 15000);
  REQUIRE(world.send(ReceivePayment{"bank-1", 40000, world.today, std::nullopt, "test"}));
  world.advance_to(make_date(2026, 2, 19));
  const auto costs = world.events_of<CostsCharged>();
  REQUIRE(costs.size() == 1);
  CHECK(costs[0].second.basis_cents == 60000);
  CHECK(costs[0].second.costs_cents == 9000);  // 15% of 600.00 (vector W35)
}

TEST_CASE("after the costs are due a payment goes to costs first, then principal (art. 6:44 BW)",
          "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false, {invoice("F-1", 100000)});
  world.advance_to(make_date(2026, 2, 19));  // costs of 150.00 charged this morning
  REQUIRE(world.state.schedule.costs_charged);
  REQUIRE(world.send(ReceivePayment{"bank-1", 20000, world.today, std::nullopt, "test"}));
  const PaymentRecord& payment = world.state.payments.back();
  CHECK(payment.allocation[0].to_costs_cents == 15000);
  CHECK(payment.allocation[0].to_principal_cents == 5000);
  CHECK(open_cents(world.state) == 95000);
}

TEST_CASE(
    "statutory costs are raised by VAT when the creditor declared it (Besluit BIK art. 2 "
    "lid 3)",
    "[dossier]") {
  World world(kOpened);
  world.context.terms.vat_percent_hundredths = 2100;
  world.open(DebtorKind::consumer, false, {invoice("F-1", 10000)});
  world.advance_to(make_date(2026, 2, 19));
  const auto costs = world.events_of<CostsCharged>();
  REQUIRE(costs.size() == 1);
  CHECK(costs[0].second.costs_cents == 4000);
  CHECK(costs[0].second.vat_cents == 840);
  CHECK(open_cents(world.state) == 10000 + 4840);
}

TEST_CASE(
    "several invoices: costs on the summed principal (art. 6:96 lid 7 BW), split over the "
    "invoices",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false,
             {invoice("F-1", 10000), invoice("F-2", 10000), invoice("F-3", 10000)});
  world.advance_to(make_date(2026, 2, 19));
  const auto costs = world.events_of<CostsCharged>();
  REQUIRE(costs.size() == 1);
  CHECK(costs[0].second.costs_cents == 4500);  // 15% of 300.00, vector W31
  CHECK(costs[0].second.per_invoice_cents == std::vector<Cents>{1500, 1500, 1500});
}

TEST_CASE("a payment names the invoice it pays (art. 6:43 BW: the debtor's designation first)",
          "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false,
             {invoice("F-1", 10000, make_date(2026, 1, 5)), invoice("F-2", 10000)});
  REQUIRE(world.send(ReceivePayment{"bank-1", 10000, world.today, std::string("F-2"), "test"}));
  CHECK(world.state.invoices[0].principal_cents == 10000);
  CHECK(world.state.invoices[1].principal_cents == 0);
  // Without a designation the oldest due claim goes first.
  REQUIRE(world.send(ReceivePayment{"bank-2", 4000, world.today, std::nullopt, "test"}));
  CHECK(world.state.invoices[0].principal_cents == 6000);
}

TEST_CASE("an overpayment is kept as a credit; money on a closed dossier is kept for refund",
          "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false, {invoice("F-1", 10000)});
  REQUIRE(world.send(ReceivePayment{"bank-1", 12500, world.today, std::nullopt, "test"}));
  CHECK(world.state.stage == Stage::paid);
  CHECK(world.state.credit_cents == 2500);
  REQUIRE(world.send(ReceivePayment{"bank-2", 700, world.today, std::nullopt, "test"}));
  CHECK(world.state.refund_due_cents == 700);
  CHECK(world.effects_of<RefundPayment>().size() == 1);
}

TEST_CASE("a reversed full payment reopens the dossier where its schedule now stands",
          "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 1, 22));  // reminder sent 21-01
  REQUIRE(world.send(ReceivePayment{"bank-1", 50000, world.today, std::nullopt, "test"}));
  world.advance_to(make_date(2026, 2, 9));  // paid: nothing happens; the call was due 28-01
  REQUIRE(world.send(ReversePayment{"bank-1", "AC04"}));
  CHECK(world.state.stage == Stage::reminder);
  CHECK(open_cents(world.state) == 50000);
  // The call, overdue since 28-01, is now due today (Mon 09-02).
  REQUIRE(world.state.schedule.pending);
  CHECK(world.state.schedule.pending->name == "call");
  CHECK(world.state.schedule.pending->date == make_date(2026, 2, 9));
  auto again = world.send(ReversePayment{"bank-1", "AC04"});
  REQUIRE(again);
  CHECK(again->duplicate);
  auto unknown = world.send(ReversePayment{"bank-9", "AC04"});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == "payment");
}

TEST_CASE("a kept promise holds the flow and a broken one resumes it", "[dossier]") {
  SECTION("kept") {
    World world(kOpened);
    world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
    world.advance_to(make_date(2026, 1, 22));
    REQUIRE(world.send(MakePromise{make_date(2026, 2, 13), 20000}));
    CHECK(display_stage(world.state) == "promised");
    world.advance_to(make_date(2026, 2, 10));
    CHECK(world.performed().size() == 1);  // the call of 28-01 waited
    REQUIRE(world.send(ReceivePayment{"bank-1", 20000, world.today, std::nullopt, "test"}));
    CHECK(world.events_of<PromiseKept>().size() == 1);
    CHECK(display_stage(world.state) == "reminder");
    CHECK(world.state.schedule.pending->date == make_date(2026, 2, 10));
  }
  SECTION("broken") {
    World world(kOpened);
    world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
    world.advance_to(make_date(2026, 1, 22));
    REQUIRE(world.send(MakePromise{make_date(2026, 2, 13), std::nullopt}));
    world.advance_to(make_date(2026, 2, 16));
    // Broken on Sat 14-02 (the day after the promised date); the call follows on Mon 16-02.
    REQUIRE(world.events_of<PromiseBroken>().size() == 1);
    CHECK(world.events_of<PromiseBroken>()[0].first == make_date(2026, 2, 14));
    CHECK(world.performed().back() == std::pair<std::string, Date>{"call", make_date(2026, 2, 16)});
  }
}

TEST_CASE(
    "an arrangement: paid installments hold the flow; a missed one breaks it after the grace "
    "period",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 30000)});
  REQUIRE(
      world.send(MakeArrangement{3, make_date(2026, 2, 1), Interval{1, Interval::Unit::month}}));
  const auto& arranged = std::get<Arranged>(world.state.side);
  REQUIRE(arranged.installments.size() == 3);
  CHECK(arranged.installments[2].due == make_date(2026, 4, 1));
  CHECK(arranged.installments[0].amount_cents == 10000);
  world.advance_to(make_date(2026, 2, 1));
  REQUIRE(world.send(ReceivePayment{"i-1", 10000, world.today, std::nullopt, "test"}));
  world.advance_to(make_date(2026, 3, 1 + world.strategy->arrangement_grace_days));
  CHECK(world.events_of<ArrangementBroken>().empty());
  world.advance_days(1);  // the second installment's grace period is over, unpaid
  REQUIRE(world.events_of<ArrangementBroken>().size() == 1);
  CHECK(display_stage(world.state) != "arranged");
}

TEST_CASE("a dispute stops every step until it is resolved", "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 1, 22));
  REQUIRE(world.send(RaiseDispute{"goods never delivered"}));
  CHECK_FALSE(next_timer(world.state));
  world.advance_to(make_date(2026, 3, 2));
  CHECK(world.performed().size() == 1);
  SECTION("rejected: the flow resumes") {
    REQUIRE(world.send(ResolveDispute{false, std::nullopt}));
    CHECK(world.state.schedule.pending->name == "call");
    CHECK(world.state.schedule.pending->date == make_date(2026, 3, 2));
  }
  SECTION("upheld: withdrawn") {
    REQUIRE(world.send(ResolveDispute{true, std::nullopt}));
    CHECK(world.state.stage == Stage::withdrawn);
  }
  SECTION("upheld in part: the principal is corrected and the flow resumes on it") {
    REQUIRE(world.send(ResolveDispute{true, 30000}));
    CHECK(principal_open_cents(world.state) == 30000);
    CHECK(world.state.written_down_cents == 20000);
    CHECK(world.state.schedule.pending);
  }
}

TEST_CASE("a pause holds the flow until its date, or until resumed", "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 1, 22));
  REQUIRE(world.send(Pause{make_date(2026, 2, 20)}));
  world.advance_to(make_date(2026, 2, 19));
  CHECK(world.performed().size() == 1);
  world.advance_to(make_date(2026, 2, 20));  // Friday: the pause ends and the call is made
  CHECK(world.performed().back() == std::pair<std::string, Date>{"call", make_date(2026, 2, 20)});
  REQUIRE(world.send(Pause{make_date(2026, 6, 1)}));
  REQUIRE(world.send(Resume{}));
  CHECK(display_stage(world.state) == "call");
}

TEST_CASE(
    "after downtime a dossier performs the step it is now in, never skipping the final "
    "notice (MODEL.md Time)",
    "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.today = make_date(2026, 2, 3);  // the daemon was down since the opening
  world.fire_due_timers();
  const auto performed = world.events_of<StepPerformed>();
  REQUIRE(performed.size() == 1);
  CHECK(performed[0].second.name == "final_notice");
  CHECK(performed[0].second.skipped == 2);  // reminder and call
  // Sent Tue 03-02 by post: receipt Thu 05-02, term to 19-02, hand-over Mon 23-02.
  CHECK(performed[0].second.term->last_day == make_date(2026, 2, 19));
  world.today = make_date(2026, 3, 2);  // down again past the deadline and the hand-over
  world.fire_due_timers();
  CHECK(world.performed().back() == std::pair<std::string, Date>{"handed_over", world.today});
  CHECK(world.events_of<StepPerformed>().back().second.skipped == 1);  // the deadline
}

TEST_CASE("an input the stage does not accept is an error naming the stage and the input",
          "[dossier]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 10000)});
  REQUIRE(world.send(ReceivePayment{"bank-1", 10000, world.today, std::nullopt, "test"}));
  auto refused = world.send(Pause{make_date(2026, 3, 1)});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "stage 'paid' does not accept 'pause'");
  CHECK(world.send(Resume{}).error().message ==
        "stage 'paid' does not accept 'resume': it is not paused");
  CHECK_FALSE(world.send(ResolveDispute{false, std::nullopt}));
  CHECK_FALSE(world.send(Withdraw{"x"}));
  CHECK_FALSE(world.send(ReceivePayment{"bank-2", -5, world.today, std::nullopt, "test"}));

  World fresh(kOpened);
  auto missing = fresh.send(Pause{make_date(2026, 3, 1)});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().field == "dossier");
}

TEST_CASE("opening checks its invoices; an import run twice adds nothing", "[dossier]") {
  World world(kOpened);
  OpenDossier open;
  open.id = 7;
  open.creditor = "acme";
  open.debtor = pinc::test::make_debtor(DebtorKind::consumer, false);
  open.invoices = {invoice("F-1", 0)};
  CHECK(world.send(open).error().field == "amount");
  open.invoices = {invoice("F-1", 100, kOpened + Days{3})};
  CHECK(world.send(open).error().field == "due_date");
  open.invoices = {invoice("F-1", 100), invoice("F-2", 200)};
  REQUIRE(world.send(open));
  auto again = world.send(open);
  REQUIRE(again);
  CHECK(again->duplicate);
  open.invoices.push_back(invoice("F-3", 300));
  auto more = world.send(open);
  REQUIRE(more);
  CHECK_FALSE(more->duplicate);
  CHECK(world.state.invoices.size() == 3);
}

TEST_CASE("interest past the rate table's last known day is not guessed (NL-RULES 3.2)",
          "[dossier]") {
  World world(make_date(2026, 6, 1));
  world.open(DebtorKind::consumer, false, {invoice("F-1", 50000, make_date(2026, 5, 20))});
  world.advance_to(make_date(2026, 9, 30));
  REQUIRE(world.state.stage == Stage::handed_over);
  const Claim& claim = *world.state.claim;
  CHECK(claim.interest_through == make_date(2026, 6, 30));
  CHECK_FALSE(claim.interest_note.empty());
  // 4% over 21-05..30-06 = 41 days: 50000 x 4% x 41/365 = 224.66 -> 225.
  CHECK(claim.interest_cents == 225);
}
