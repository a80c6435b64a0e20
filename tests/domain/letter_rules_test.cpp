// What the dossier decides about its letters: the day they leave, the date they ask payment by,
// and the administration costs a business debtor may be charged. Worked out by hand from the
// default strategy, NL-RULES and MODEL.md.
#include <catch2/catch.hpp>

#include "document_preview.hpp"
#include "dossier_world.hpp"

using namespace pinc;
using pinc::test::World;

namespace {
constexpr Date kDue = make_date(2026, 1, 15);     // Thursday
constexpr Date kOpened = make_date(2026, 1, 20);  // Tuesday

InvoiceInput invoice(std::string number, Cents amount_cents) {
  return InvoiceInput{std::move(number), kDue - Days{30}, kDue, amount_cents};
}
}  // namespace

TEST_CASE("a letter asks payment by a date: the reminder's term, or the final notice's last day",
          "[dossier][letters]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 3, 31));
  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.size() == 2);
  // Reminder on Wed 21-01, 7 days (the default reminder term): Wed 28-01.
  CHECK(letters[0].second.dispatch_on == make_date(2026, 1, 21));
  CHECK(letters[0].second.pay_by == make_date(2026, 1, 28));
  // The 14-day letter of Mon 02-02: receipt by post Wed 04-02, term 05-02..18-02 (NL-RULES 2.4).
  CHECK(letters[1].second.dispatch_on == make_date(2026, 2, 2));
  CHECK(letters[1].second.pay_by == make_date(2026, 2, 18));
  CHECK(letters[1].second.pay_by == letters[1].second.term->last_day);
}

TEST_CASE(
    "a final notice performed on a Saturday leaves on Monday and its term counts from Monday "
    "(NL-RULES 2.3-2.4: the term runs from the presumed receipt of what was sent)",
    "[dossier][letters]") {
  const auto strategy = parse_strategy(R"(name = "saturday"
[[step]]
name = "reminder"
action = "reminder"
after = "due_date"
working_days = 3
not_before = { after = "opened", working_days = 1 }
channels = "email"
[[step]]
name = "final_notice"
action = "final_notice"
after = "previous"
days = 3
channels = "email"
term_days = 10
[[step]]
name = "deadline"
action = "deadline"
)",
                                       "saturday.toml");
  REQUIRE(strategy);
  World world(kOpened);
  world.context.strategy = &*strategy;
  world.open(DebtorKind::business, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 2, 28));
  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.size() == 2);
  // Reminder Wed 21-01; the final notice 3 days later is Sat 24-01, performed that day ...
  CHECK(letters[1].first == make_date(2026, 1, 24));
  // ... but dispatched Mon 26-01: e-mail received that day, 10 days: 27-01..Thu 05-02. Counted
  // from the Saturday it would end Tue 03-02, two days early.
  const SendDocument& notice = letters[1].second;
  CHECK(notice.dispatch_on == make_date(2026, 1, 26));
  REQUIRE(notice.term);
  CHECK(notice.term->sent == make_date(2026, 1, 26));
  CHECK(notice.term->last_day == make_date(2026, 2, 5));
  CHECK(notice.term->costs_from == make_date(2026, 2, 6));
  CHECK(notice.pay_by == make_date(2026, 2, 5));
  CHECK(world.state.schedule.costs_due_on == make_date(2026, 2, 6));
}

TEST_CASE(
    "administration costs go to a business debtor once, with the first reminder, where the "
    "creditor's terms allow them (MODEL.md Parties; NL-RULES 1.1)",
    "[dossier][letters]") {
  World world(kOpened);
  world.context.terms.business_admin_costs_cents = 1500;
  world.open(DebtorKind::business, false, {invoice("F-1", 30000), invoice("F-2", 10000)});
  world.advance_to(make_date(2026, 1, 21));  // the reminder

  const auto charged = world.events_of<AdminCostsCharged>();
  REQUIRE(charged.size() == 1);
  CHECK(charged[0].first == make_date(2026, 1, 21));
  CHECK(charged[0].second.costs_cents == 1500);
  CHECK(charged[0].second.per_invoice_cents == std::vector<Cents>{1125, 375});  // pro rata 3:1
  CHECK(world.state.admin_costs_cents == 1500);
  CHECK(open_cents(world.state) == 41500);

  // The reminder states the open amount with the costs in it.
  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.size() == 1);
  CHECK(letters[0].second.open_cents == 41500);

  // A payment goes to the costs first (art. 6:44 BW): 1,125 + 375 of 2,000 to costs.
  REQUIRE(world.send(ReceivePayment{"p-1", 2000, world.today, std::nullopt, "manual"}));
  CHECK(world.state.invoices[0].costs_cents + world.state.invoices[1].costs_cents == 0);
  CHECK(open_cents(world.state) == 39500);

  // The final notice does not charge them again.
  world.advance_to(make_date(2026, 3, 31));
  CHECK(world.events_of<AdminCostsCharged>().size() == 1);
}

TEST_CASE("a consumer is never charged administration costs (NL-RULES 1.1: the BIK is all-in)",
          "[dossier][letters]") {
  World world(kOpened);
  world.context.terms.business_admin_costs_cents = 1500;
  world.open(DebtorKind::consumer, true, {invoice("F-1", 30000)});
  world.advance_to(make_date(2026, 2, 10));  // past the reminder and the 14-day letter
  CHECK(world.events_of<AdminCostsCharged>().empty());
  CHECK(world.state.admin_costs_cents == 0);
  for (const auto& [day, letter] : world.effects_of<SendDocument>())
    CHECK(letter.open_cents == 30000);
}

TEST_CASE("a promise made on a Saturday is confirmed on Monday, asking payment by the promised day",
          "[dossier][letters]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, true, {invoice("F-1", 30000)});
  world.advance_to(make_date(2026, 1, 24));  // Saturday
  REQUIRE(world.send(MakePromise{make_date(2026, 2, 6), std::nullopt}));
  const auto letters = world.effects_of<SendDocument>();
  REQUIRE(letters.back().second.kind == DocumentKind::promise_confirmation);
  CHECK(letters.back().second.dispatch_on == make_date(2026, 1, 26));
  CHECK(letters.back().second.pay_by == make_date(2026, 2, 6));
}

TEST_CASE("a preview of a step is the letter the step sends when it is performed",
          "[dossier][letters]") {
  World world(kOpened);
  world.open(DebtorKind::consumer, false, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 2, 1));  // the 14-day letter is pending for Mon 02-02
  world.today = make_date(2026, 2, 2);
  auto preview = preview_document(world.state, "", world.today, world.context);
  REQUIRE(preview);
  auto named = preview_document(world.state, "final_notice", world.today, world.context);
  REQUIRE(named);
  world.fire_due_timers();
  const SendDocument& sent = world.effects_of<SendDocument>().back().second;
  REQUIRE(sent.kind == DocumentKind::statutory_letter);
  CHECK(preview->state.stage == Stage::final_notice);
  for (const SendDocument* candidate : {&preview->document, &named->document}) {
    CHECK(candidate->kind == sent.kind);
    CHECK(candidate->dispatch_on == sent.dispatch_on);
    CHECK(candidate->term == sent.term);
    CHECK(candidate->announced_costs_cents == sent.announced_costs_cents);
    CHECK(candidate->pay_by == sent.pay_by);
    CHECK(candidate->open_cents == sent.open_cents);
  }
  // A step that sends nothing, and one the strategy lacks, are errors naming the step.
  auto call = preview_document(world.state, "call", world.today, world.context);
  REQUIRE_FALSE(call);
  CHECK(call.error().field == "step");
  CHECK_FALSE(preview_document(world.state, "nonsense", world.today, world.context));
}

TEST_CASE(
    "a final notice e-mailed two days late counts its term from the later receipt; costs wait "
    "(NL-RULES 2.3-2.4: a term runs from the presumed receipt)",
    "[dossier][letters]") {
  World world(kOpened);
  world.open(DebtorKind::business, true, {invoice("F-1", 50000)});
  world.advance_to(make_date(2026, 2, 2));  // the final notice, by e-mail, on Mon 02-02
  const SendDocument notice = world.effects_of<SendDocument>().back().second;
  REQUIRE(notice.kind == DocumentKind::final_notice);
  REQUIRE(notice.channels == std::vector<Channel>{Channel::email});
  // Planned: received Mon 02-02, 10 days 03-02..Thu 12-02, costs from 13-02.
  REQUIRE(notice.term->last_day == make_date(2026, 2, 12));

  // The relay refused until Wed 04-02: received that day, 10 days: 05-02..Sat 14-02, extended by
  // the Atw to Mon 16-02; costs from Tue 17-02.
  world.today = make_date(2026, 2, 4);
  auto decision = world.send(LetterSent{notice.dispatch_on, Channel::email, world.today}, "outbox");
  REQUIRE(decision);
  const auto extended = world.events_of<TermExtended>();
  REQUIRE(extended.size() == 1);
  CHECK(extended[0].second.term.receipt == make_date(2026, 2, 4));
  CHECK(extended[0].second.term.last_day == make_date(2026, 2, 16));
  CHECK(world.state.schedule.costs_due_on == make_date(2026, 2, 17));
  REQUIRE(world.state.schedule.pending);
  CHECK(world.state.schedule.pending->name == "deadline");
  CHECK(world.state.schedule.pending->date == make_date(2026, 2, 16));

  // The same report again, or one for a receipt no later, changes nothing.
  auto again = world.send(LetterSent{notice.dispatch_on, Channel::email, world.today}, "outbox");
  REQUIRE(again);
  CHECK(again->duplicate);

  world.advance_to(make_date(2026, 3, 31));
  const auto costs = world.events_of<CostsCharged>();
  REQUIRE(costs.size() == 1);
  CHECK(costs[0].first == make_date(2026, 2, 17));  // not on 13-02, the planned term's end
}
