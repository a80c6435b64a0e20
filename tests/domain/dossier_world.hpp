#pragma once
// A dossier driven through decide/apply on a simulated day counter, as the actor layer would drive
// it, but with no actors, disk or network. Keeps the full history and every effect for assertions.
#include <catch2/catch.hpp>

#include "builtin_rates.hpp"
#include "dossier.hpp"

namespace pinc::test {

inline const RateTable& builtin_rates() {
  static const RateTable table = *parse_rate_table(builtin_interest_rates(), "builtin");
  return table;
}

inline Debtor make_debtor(DebtorKind kind, bool with_email) {
  Debtor debtor;
  debtor.ref = "D-1";
  debtor.name = kind == DebtorKind::consumer ? "J. de Vries" : "Bakkerij Jansen B.V.";
  debtor.kind = kind;
  if (with_email) debtor.email = "debtor@example.nl";
  debtor.address = Address{"Dorpsstraat 1", "1234 AB", "Utrecht", "NL"};
  return debtor;
}

struct World {
  Calendar calendar;
  const Strategy* strategy = &default_strategy();
  DecideContext context{strategy, &calendar, &builtin_rates(), {}};
  DossierState state;
  Date today;
  std::vector<Event> history;
  std::vector<std::pair<Date, Effect>> effects;

  explicit World(Date start) : today(start) {}

  Result<Decision> send(InputPayload payload, std::string actor = "operator:test") {
    auto decision = decide(state, Input{std::move(actor), std::move(payload)}, today, context);
    if (decision) {
      for (const Event& event : decision->events) {
        apply(state, event);
        history.push_back(event);
      }
      for (const Effect& effect : decision->effects) effects.emplace_back(today, effect);
      REQUIRE(decision->next_timer == next_timer(state));
    }
    return decision;
  }

  void open(DebtorKind kind, bool with_email, std::vector<InvoiceInput> invoices) {
    OpenDossier open;
    open.id = 42;
    open.creditor = "acme";
    open.strategy = "default";
    open.payment_reference = "5000056789012345";
    open.debtor = make_debtor(kind, with_email);
    open.invoices = std::move(invoices);
    auto decision = send(open, "import");
    REQUIRE(decision);
  }

  // Fires the dossier's timer for today while it is due, as the shard does each simulated day.
  void fire_due_timers() {
    for (int guard = 0; guard < 10; ++guard) {
      const auto due = next_timer(state);
      if (!due || *due > today) return;
      auto decision = send(TimerFired{}, "timer");
      REQUIRE(decision);
      if (decision->events.empty()) return;
    }
    FAIL("a timer kept firing on " << format_date(today));
  }

  void advance_to(Date target) {
    while (today < target) {
      today += Days{1};
      fire_due_timers();
    }
  }
  void advance_days(int days) { advance_to(today + Days{days}); }

  // The day each step was performed, by step name, in order.
  std::vector<std::pair<std::string, Date>> performed() const {
    std::vector<std::pair<std::string, Date>> steps;
    for (const Event& event : history)
      if (const auto* step = std::get_if<StepPerformed>(&event.payload))
        steps.emplace_back(step->name, event.date);
    return steps;
  }

  template <class E>
  std::vector<std::pair<Date, E>> events_of() const {
    std::vector<std::pair<Date, E>> found;
    for (const Event& event : history)
      if (const auto* e = std::get_if<E>(&event.payload)) found.emplace_back(event.date, *e);
    return found;
  }

  template <class E>
  std::vector<std::pair<Date, E>> effects_of() const {
    std::vector<std::pair<Date, E>> found;
    for (const auto& [day, effect] : effects)
      if (const auto* e = std::get_if<E>(&effect.payload)) found.emplace_back(day, *e);
    return found;
  }
};

}  // namespace pinc::test
