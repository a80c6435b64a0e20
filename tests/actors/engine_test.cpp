// The engine end to end without RPC: real CAF shards, a real RocksDB store, the simulated clock.
#include <catch2/catch.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <future>

#include "builtin_rates.hpp"
#include "engine.hpp"
#include "keys.hpp"
#include "references.hpp"
#include "rocks_store.hpp"
#include "temp_dir.hpp"

using namespace pinc;
using pinc::test::TempDir;

namespace {

const RateTable& rates() {
  static const RateTable table = parse_rate_table(builtin_interest_rates(), "built-in").value();
  return table;
}

struct Node {  // one pincd's insides, opened on a data directory
  caf::actor_system_config config;
  std::unique_ptr<caf::actor_system> system;
  std::unique_ptr<RocksStore> store;
  Calendar calendar;
  EngineClock clock = EngineClock::simulated(make_date(2026, 1, 20));
  std::unique_ptr<CreditorRegistry> creditors;
  std::unique_ptr<Engine> engine;

  explicit Node(const std::string& dir) {
    config.set("scheduler.max-threads", 2);
    system = std::make_unique<caf::actor_system>(config);
    store = std::move(RocksStore::open(dir).value());
    if (auto day = store->get_meta("clock").value()) clock.set(parse_date(*day).value());
    creditors = std::make_unique<CreditorRegistry>(*store, calendar, rates());
    REQUIRE(creditors->load());
    engine = std::make_unique<Engine>(*system, *store, clock, *creditors, EngineOptions{});
  }
  ~Node() {
    engine.reset();
    store.reset();
  }

  Result<CommandOutcome> send(DossierId id, InputPayload payload,
                              std::optional<std::string> key = std::nullopt) {
    std::promise<Result<CommandOutcome>> promise;
    engine->submit(
        id, Input{"test", std::move(payload)}, std::move(key), {},
        [&promise](Result<CommandOutcome> outcome) { promise.set_value(std::move(outcome)); });
    return promise.get_future().get();
  }
};

OpenDossier dossier(DossierId id, DebtorKind kind) {
  OpenDossier open;
  open.id = id;
  open.creditor = "acme";
  open.payment_reference = make_betalingskenmerk(id);
  open.debtor.ref = "D" + std::to_string(id);
  open.debtor.name = "Debtor " + std::to_string(id);
  open.debtor.kind = kind;
  open.invoices = {InvoiceInput{"F" + std::to_string(id), make_date(2025, 12, 16),
                                make_date(2026, 1, 15), 50000}};
  return open;
}

}  // namespace

TEST_CASE("dossiers move through their schedule on the simulated clock and survive a restart",
          "[engine]") {
  TempDir dir;
  {
    Node node(dir / "data");
    REQUIRE(node.creditors->add({"acme", "Acme B.V.", "NL91ABNA0417164300", "default", "", 0}));
    for (DossierId id = 1; id <= 40; ++id) {
      auto opened =
          node.send(id, dossier(id, id % 2 ? DebtorKind::consumer : DebtorKind::business));
      INFO((opened ? "" : opened.error().to_string()));
      REQUIRE(opened);
    }
    CHECK_FALSE(node.send(999, TimerFired{}));  // unknown dossier: an error, not a crash
    REQUIRE(node.send(
        2, ReceivePayment{"bank-2", 50000, make_date(2026, 1, 20), std::nullopt, "test"}));
    auto again = node.send(3, AddNote{"once"}, std::string("req-1"));
    REQUIRE(again);
    auto twice = node.send(3, AddNote{"once"}, std::string("req-1"));
    REQUIRE(twice);
    CHECK(twice->duplicate);

    // To the reminder (21-01) and the call (28-01).
    REQUIRE(node.engine->advance_days(8).value() == make_date(2026, 1, 28));
    CHECK(node.store->load_state(1).value()->stage == Stage::call);
    CHECK(node.store->load_state(2).value()->stage == Stage::paid);
  }
  {
    // A new process on the same store: the clock and every dossier come back.
    Node node(dir / "data");
    CHECK(node.clock.today() == make_date(2026, 1, 28));
    REQUIRE(node.engine->advance_days(30).value() == make_date(2026, 2, 27));
    const auto consumer = node.store->load_state(1).value();
    CHECK(consumer->stage == Stage::handed_over);
    const auto events = node.store->load_events(1, 0, 100).value();
    std::vector<std::pair<std::string, Date>> steps;
    for (const Event& event : events)
      if (const auto* step = std::get_if<StepPerformed>(&event.payload))
        steps.emplace_back(step->name, event.date);
    CHECK(steps ==
          std::vector<std::pair<std::string, Date>>{{"reminder", make_date(2026, 1, 21)},
                                                    {"call", make_date(2026, 1, 28)},
                                                    {"final_notice", make_date(2026, 2, 2)},
                                                    {"deadline", make_date(2026, 2, 18)},
                                                    {"handed_over", make_date(2026, 2, 20)}});
    CHECK(node.store->load_state(2).value()->stage == Stage::paid);
    CHECK(node.store->lookup_reference(keys::debtor_reference("acme", "D7")).value() == 7u);
    for (DossierId id = 1; id <= 40; ++id)
      if (id != 2) CHECK(node.store->load_state(id).value()->stage == Stage::handed_over);
  }
}
