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

  explicit Node(const std::string& dir, EngineOptions options = {},
                std::optional<EngineClock> with_clock = std::nullopt) {
    if (with_clock) clock = *with_clock;
    config.set("scheduler.max-threads", 2);
    system = std::make_unique<caf::actor_system>(config);
    store = std::move(RocksStore::open(dir).value());
    if (auto day = store->get_meta("clock").value(); day && clock.is_simulated())
      clock.set(parse_date(*day).value());
    creditors = std::make_unique<CreditorRegistry>(*store, calendar, rates());
    REQUIRE(creditors->load());
    engine = std::make_unique<Engine>(*system, *store, clock, *creditors, options);
  }
  ~Node() {
    engine.reset();
    store.reset();
  }

  Result<CommandOutcome> send(DossierId id, InputPayload payload,
                              std::optional<std::string> key = std::nullopt) {
    std::promise<Result<CommandOutcome>> promise;
    engine->submit(
        Submission{id, Input{"test", std::move(payload)}, std::move(key), {}, {}},
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

CreditorInfo acme() {
  CreditorInfo info;
  info.id = "acme";
  info.name = "Acme B.V.";
  info.iban = "NL91ABNA0417164300";
  return info;
}

TEST_CASE("dossiers move through their schedule on the simulated clock and survive a restart",
          "[engine]") {
  TempDir dir;
  {
    Node node(dir / "data");
    REQUIRE(node.creditors->add(acme()));
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

namespace {

std::vector<const StepPerformed*> steps_of(const std::vector<Event>& events) {
  std::vector<const StepPerformed*> steps;
  for (const Event& event : events)
    if (const auto* step = std::get_if<StepPerformed>(&event.payload)) steps.push_back(step);
  return steps;
}

template <class Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

TEST_CASE("a shard keeps at most its cap of activations; a passivated dossier comes back whole",
          "[engine]") {
  TempDir dir;
  EngineOptions options;
  options.max_active_per_shard = 10;
  Node node(dir / "data", options);
  REQUIRE(node.creditors->add(acme()));
  for (DossierId id = 1; id <= 100; ++id) REQUIRE(node.send(id, dossier(id, DebtorKind::consumer)));
  // Passivation runs after each commit that finds the shard over its cap.
  CHECK(node.engine->active_dossiers() <= 2 * (options.max_active_per_shard + 1));
  // Dossier 1 was passivated long ago: it is loaded again, with its state, and moves on.
  auto paid =
      node.send(1, ReceivePayment{"bank-1", 50000, make_date(2026, 1, 20), std::nullopt, "test"});
  REQUIRE(paid);
  CHECK(paid->state.stage == Stage::paid);
  CHECK(paid->state.debtor.ref == "D1");
  CHECK(node.store->load_state(1).value()->stage == Stage::paid);
}

TEST_CASE("idle activations are passivated, so dormant dossiers take no memory", "[engine]") {
  TempDir dir;
  EngineOptions options;
  options.idle_seconds = 0;
  options.tick_interval = std::chrono::milliseconds(20);
  Node node(dir / "data", options);
  REQUIRE(node.creditors->add(acme()));
  for (DossierId id = 1; id <= 20; ++id) REQUIRE(node.send(id, dossier(id, DebtorKind::business)));
  CHECK(eventually([&] { return node.engine->active_dossiers() == 0; }));
  CHECK(node.send(5, AddNote{"still here"}));
}

TEST_CASE("catching up after downtime keeps to the configured rate", "[engine]") {
  using std::chrono::milliseconds;
  // 100 timers at 2,000 per second may take 50 ms: a window done in 10 ms waits 40 more.
  CHECK(catch_up_pause(100, milliseconds(10), 2000) == milliseconds(40));
  CHECK(catch_up_pause(100, milliseconds(60), 2000) == milliseconds(0));
  CHECK(catch_up_pause(512, milliseconds(0), 1000) == milliseconds(512));
  CHECK(catch_up_pause(512, milliseconds(0), 0) == milliseconds(0));  // 0: no limit
}

TEST_CASE(
    "after months of downtime on the wall clock, a dossier performs only the step it is now in",
    "[engine]") {
  TempDir dir;
  {
    Node node(dir / "data");  // simulated: 2026-01-20
    REQUIRE(node.creditors->add(acme()));
    for (DossierId id = 1; id <= 30; ++id)
      REQUIRE(node.send(id, dossier(id, DebtorKind::consumer)));
  }
  // The same store under the wall clock, long after every step's date (MODEL.md, Time).
  EngineOptions options;
  options.tick_interval = std::chrono::milliseconds(20);
  options.catch_up_per_second = 200;
  Node node(dir / "data", options, EngineClock::wall());
  REQUIRE(node.clock.today() > make_date(2026, 3, 1));
  CHECK(eventually([&] {
    for (DossierId id = 1; id <= 30; ++id)
      if (node.store->load_state(id).value()->stage != Stage::final_notice) return false;
    return true;
  }));
  for (DossierId id = 1; id <= 30; ++id) {
    const auto events = node.store->load_events(id, 0, 1000).value();
    const auto steps = steps_of(events);
    // Not a reminder, a call and a final notice at once: the final notice alone, because a
    // consumer's claim cannot go further before the statutory letter's term has run (art. 6:96
    // lid 6 BW). Its term starts now, so the deadline and the hand-over are still to come.
    REQUIRE(steps.size() == 1);
    CHECK(steps[0]->name == "final_notice");
    CHECK(steps[0]->skipped == 2);
  }
}

TEST_CASE("a shard that fails is started again from the store; the others never notice",
          "[engine]") {
  TempDir dir;
  Node node(dir / "data");
  REQUIRE(node.creditors->add(acme()));
  for (DossierId id = 1; id <= 40; ++id) REQUIRE(node.send(id, dossier(id, DebtorKind::consumer)));
  const DossierId in_first_shard = 2, in_second_shard = 1;
  REQUIRE(node.engine->shard_of(in_first_shard) == 0);
  REQUIRE(node.engine->shard_of(in_second_shard) == 1);

  node.engine->kill_shard(0);
  CHECK(node.send(in_second_shard, AddNote{"the other shard works on"}));
  // The restarted shard loads the dossier from the store.
  CHECK(eventually([&] { return bool(node.send(in_first_shard, AddNote{"back"})); }));

  // A shard failing in the middle of a day: the day is run again, and every step still happens
  // once, on its date.
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    node.engine->kill_shard(0);
  });
  REQUIRE(node.engine->advance_days(40).value() == make_date(2026, 3, 1));
  killer.join();
  for (DossierId id = 1; id <= 40; ++id) {
    INFO("dossier " << id);
    const auto steps = steps_of(node.store->load_events(id, 0, 1000).value());
    REQUIRE(steps.size() == 5);
    CHECK(steps[0]->name == "reminder");
    CHECK(steps[4]->name == "handed_over");
    CHECK(node.store->load_state(id).value()->stage == Stage::handed_over);
  }
}

TEST_CASE("open call tasks are indexed in due order and leave the index when logged or held",
          "[engine]") {
  TempDir dir;
  Node node(dir / "data");
  REQUIRE(node.creditors->add(acme()));
  for (DossierId id = 1; id <= 6; ++id) REQUIRE(node.send(id, dossier(id, DebtorKind::consumer)));
  auto indexed = [&] {
    std::vector<DossierId> ids;
    const auto rows = node.store->scan_references(keys::kCallTaskPrefix, 100).value();
    for (const auto& [key, id] : rows) ids.push_back(id);
    return ids;
  };
  CHECK(indexed().empty());
  // The call step (28-01) opens a call task for every dossier.
  REQUIRE(node.engine->advance_days(8).value() == make_date(2026, 1, 28));
  CHECK(indexed() == std::vector<DossierId>{1, 2, 3, 4, 5, 6});
  REQUIRE(node.send(2, LogCall{CallOutcome::reached, "will pay"}));
  REQUIRE(node.send(3, RaiseDispute{"wrong amount"}));
  REQUIRE(node.send(4, ReceivePayment{"bank-4", 50000, make_date(2026, 1, 28), std::nullopt, "t"}));
  CHECK(indexed() == std::vector<DossierId>{1, 5, 6});
  // The dispute rejected: the task is open again.
  REQUIRE(node.send(3, ResolveDispute{false, std::nullopt}));
  CHECK(indexed() == std::vector<DossierId>{1, 3, 5, 6});
}
