// Property tests over the dossier state machine: thousands of seeded random input sequences, with
// invariants checked after every input. A failure prints the seed that reproduces it.
#include <catch2/catch.hpp>

#include <random>

#include "dossier_world.hpp"

using namespace pinc;
using pinc::test::World;

namespace {

constexpr int kSequences = 3000;
constexpr int kDaysPerSequence = 120;

struct Snapshot {  // what a terminal dossier must never change
  Stage stage;
  std::vector<Invoice> invoices;
  std::optional<Claim> claim;
  Cents costs_charged_cents, interest_charged_cents, credit_cents;
  std::size_t side_index;
  bool has_pending;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};
Snapshot snapshot(const DossierState& s) {
  return Snapshot{s.stage,
                  s.invoices,
                  s.claim,
                  s.costs_charged_cents,
                  s.interest_charged_cents,
                  s.credit_cents,
                  s.side.index(),
                  s.schedule.pending.has_value()};
}

// The ledger balances: what was charged, less what was applied, is what is open; every cent
// received is applied, kept as a credit or kept for refund; no bucket goes negative.
void check_ledger(const DossierState& s) {
  Cents invoiced = 0;
  for (const Invoice& invoice : s.invoices) {
    REQUIRE(invoice.principal_cents >= 0);
    REQUIRE(invoice.costs_cents >= 0);
    REQUIRE(invoice.interest_cents >= 0);
    REQUIRE(invoice.principal_cents <= invoice.amount_cents);
    invoiced += invoice.amount_cents;
  }
  REQUIRE(invoiced + s.costs_charged_cents + s.interest_charged_cents - paid_cents(s) ==
          open_cents(s));
  Cents received_applied = 0, received_refund = 0;
  for (const PaymentRecord& payment : s.payments) {
    if (payment.reversed) continue;
    (payment.for_refund ? received_refund : received_applied) += payment.amount_cents;
  }
  REQUIRE(received_applied == paid_cents(s) + s.credit_cents);
  REQUIRE(received_refund == s.refund_due_cents);
  REQUIRE(s.credit_cents >= 0);
  if (s.stage == Stage::paid) REQUIRE(open_cents(s) == 0);
}

struct Comparable {  // a state reduced to comparable parts, to check replay and determinism
  Stage stage;
  std::string side;
  std::vector<Invoice> invoices;
  std::vector<PaymentRecord> payments;
  Cents costs, interest, credit, refund, written_down;
  std::optional<Claim> claim;
  std::optional<PendingStep> pending;
  std::optional<Date> costs_due_on, next;
  bool costs_charged, call_task_open;
  std::uint64_t next_event_seq;
  friend bool operator==(const Comparable&, const Comparable&) = default;
};
Comparable comparable(const DossierState& s) {
  return Comparable{s.stage,
                    std::string(side_state_name(s.side)),
                    s.invoices,
                    s.payments,
                    s.costs_charged_cents,
                    s.interest_charged_cents,
                    s.credit_cents,
                    s.refund_due_cents,
                    s.written_down_cents,
                    s.claim,
                    s.schedule.pending,
                    s.schedule.costs_due_on,
                    next_timer(s),
                    s.schedule.costs_charged,
                    s.schedule.call_task_open,
                    s.next_event_seq};
}

struct Run {
  World world;
  std::vector<std::string> trace;  // what was decided, to compare two runs of one seed
};

Run run_sequence(std::uint64_t seed) {
  std::mt19937_64 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
  const Date start = make_date(2025, 9, 1) + Days{pick(240)};
  Run run{World(start), {}};
  World& world = run.world;

  std::vector<InvoiceInput> invoices;
  const int invoice_count = 1 + pick(3);
  for (int i = 0; i < invoice_count; ++i) {
    const Date due = start - Days{1 + pick(40)};
    const Cents amount = pick(10) == 0 ? 100000 + pick(2000000) : 1000 + pick(80000);
    invoices.push_back(InvoiceInput{"F-" + std::to_string(i), due - Days{30}, due, amount});
  }
  world.open(pick(2) ? DebtorKind::consumer : DebtorKind::business, pick(2) == 0, invoices);
  if (pick(4) == 0) world.context.terms.vat_percent_hundredths = 2100;

  std::optional<Snapshot> terminal;
  int payment_number = 0;
  for (int day = 0; day < kDaysPerSequence; ++day) {
    world.advance_days(1);
    if (pick(3) != 0) continue;  // most days nobody does anything
    const Cents open = open_cents(world.state);
    InputPayload input = AddNote{"called the debtor"};
    switch (pick(14)) {
      case 0:
      case 1:
      case 2: {
        const Cents amount = pick(3) == 0 ? open + pick(500) : 1 + pick(std::max<int>(1, open));
        input = ReceivePayment{"p-" + std::to_string(++payment_number), std::max<Cents>(1, amount),
                               world.today, std::nullopt, "random"};
        break;
      }
      case 3:
        if (payment_number > 0)
          input = ReversePayment{"p-" + std::to_string(1 + pick(payment_number)), "MD06"};
        break;
      case 4:
        input =
            MakePromise{world.today + Days{pick(20)},
                        pick(2) ? std::optional<Cents>{} : std::optional<Cents>{1 + pick(5000)}};
        break;
      case 5:
        input = MakeArrangement{
            2 + pick(4), world.today + Days{pick(10)},
            Interval{1 + pick(3), pick(2) ? Interval::Unit::month : Interval::Unit::week}};
        break;
      case 6:
        input = RaiseDispute{"contested"};
        break;
      case 7:
        input = ResolveDispute{pick(2) == 0,
                               pick(2) ? std::optional<Cents>{} : std::optional<Cents>{pick(5000)}};
        break;
      case 8:
        input = Pause{world.today + Days{1 + pick(30)}};
        break;
      case 9:
        input = Resume{};
        break;
      case 10:
        input = LogCall{static_cast<CallOutcome>(pick(6)), "spoke"};
        break;
      case 11:
        if (pick(8) == 0) input = pick(2) ? InputPayload{Withdraw{"creditor"}} : WriteOff{"lost"};
        break;
      case 12:
        input = AddInvoice{InvoiceInput{"F-" + std::to_string(pick(5)), world.today - Days{40},
                                        world.today - Days{1}, 1 + pick(20000)}};
        break;
      default:
        break;
    }
    auto decision = world.send(input);
    run.trace.push_back(std::string(input_name(input)) + (decision ? "" : " refused") + ":" +
                        std::to_string(world.state.next_event_seq));
    if (!decision) REQUIRE_FALSE(decision.error().message.empty());
    check_ledger(world.state);
    if (terminal) REQUIRE(snapshot(world.state) == *terminal);
    if (is_terminal(world.state.stage) && !terminal) terminal = snapshot(world.state);
  }
  return run;
}

}  // namespace

TEST_CASE(
    "property: over thousands of random sequences the ledger balances, consumers pay no "
    "statutory costs before the term has run out (art. 6:96 lid 6 BW), terminal dossiers "
    "stay as they are, replay gives the same state and the same inputs the same decisions",
    "[dossier][property]") {
  for (std::uint64_t seed = 1; seed <= kSequences; ++seed) {
    INFO("seed " << seed);
    Run run = run_sequence(seed);
    const DossierState& state = run.world.state;

    // No statutory costs before the term's costs_from day.
    for (const auto& [day, costs] : run.world.events_of<CostsCharged>()) {
      REQUIRE(state.schedule.last);
      const auto notices = run.world.events_of<StepPerformed>();
      std::optional<Date> costs_from;
      for (const auto& [performed_on, step] : notices)
        if (step.action == StepAction::final_notice && performed_on <= day)
          costs_from = step.term->costs_from;
      REQUIRE(costs_from);
      REQUIRE(day >= *costs_from);
    }

    // A step is never performed twice: step indexes only go forward.
    std::optional<std::size_t> last_index;
    for (const auto& [day, step] : run.world.events_of<StepPerformed>()) {
      if (last_index) REQUIRE(step.index > *last_index);
      last_index = step.index;
    }

    // Replaying the history from nothing gives the same state.
    DossierState replayed;
    for (const Event& event : run.world.history) apply(replayed, event);
    REQUIRE(comparable(replayed) == comparable(state));

    // The same inputs give the same decisions.
    if (seed % 10 == 0) {
      Run again = run_sequence(seed);
      REQUIRE(again.trace == run.trace);
      REQUIRE(comparable(again.world.state) == comparable(state));
    }
  }
}
