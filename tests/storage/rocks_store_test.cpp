// The RocksDB store on a real RocksDB in a temporary directory.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "dossier_world.hpp"
#include "faulty_store.hpp"
#include "keys.hpp"
#include "rocks_store.hpp"
#include "temp_dir.hpp"

using namespace pinc;
using pinc::test::TempDir;
using pinc::test::World;

namespace {

// A real dossier, opened and past its reminder, and the commit that stores it.
struct Sample {
  World world{make_date(2026, 1, 20)};
  Sample(DossierId id = 42) {
    world.open(DebtorKind::consumer, true,
               {InvoiceInput{"F-1", make_date(2025, 12, 1), make_date(2026, 1, 2), 45000}});
    world.state.id = id;
    world.advance_to(make_date(2026, 1, 22));
  }
  DossierCommit commit() const {
    DossierCommit commit;
    commit.id = world.state.id;
    commit.state = &world.state;
    commit.events = world.history;
    for (const auto& [day, effect] : world.effects) commit.effects.push_back(effect);
    commit.new_timer = next_timer(world.state);
    commit.references = {keys::payment_reference(world.state.payment_reference),
                         keys::invoice_reference("acme", "F-1")};
    commit.idempotency = std::make_pair(std::string("import:acme:D-1"), std::string("42"));
    return commit;
  }
};

std::unique_ptr<RocksStore> open_store(const TempDir& dir) {
  auto store = RocksStore::open(dir / "data");
  INFO((store ? "" : store.error().to_string()));
  REQUIRE(store);
  return std::move(*store);
}

}  // namespace

TEST_CASE("key bytes sort in numeric order", "[storage]") {
  CHECK(keys::dossier(255) < keys::dossier(256));
  CHECK(keys::event(1, 9) < keys::event(1, 10));
  CHECK(keys::event(1, UINT64_MAX) < keys::event(2, 0));
  CHECK(keys::timer(3, 20000, 7) < keys::timer(3, 20001, 1));
  CHECK(keys::timer(3, -1, 7) < keys::timer(3, 0, 1));
  CHECK(keys::timer(3, 30000, 7) < keys::timer(4, 0, 0));
  const auto parsed = keys::parse_timer(keys::timer(9, 20500, 123456789));
  REQUIRE(parsed);
  CHECK(parsed->partition == 9);
  CHECK(parsed->day == 20500);
  CHECK(parsed->id == 123456789);
}

TEST_CASE("a committed dossier is all there after the store is closed and reopened", "[storage]") {
  TempDir dir;
  Sample sample;
  {
    auto store = open_store(dir);
    REQUIRE(store->commit(sample.commit()));
  }
  auto store = open_store(dir);
  const auto state = store->load_state(42);
  REQUIRE(state);
  REQUIRE(*state);
  CHECK((*state)->stage == Stage::reminder);
  CHECK((*state)->invoices == sample.world.state.invoices);
  const auto events = store->load_events(42, 0, 1000);
  REQUIRE(events);
  CHECK(events->size() == sample.world.history.size());
  CHECK(store->lookup_reference(keys::invoice_reference("acme", "F-1")).value() == 42u);
  CHECK_FALSE(store->lookup_reference(keys::invoice_reference("acme", "F-2")).value());
  CHECK(store->lookup_idempotency("import:acme:D-1").value() == std::string("42"));
  const auto timers =
      store->scan_due_timers(keys::timer_partition(42), make_date(2026, 12, 31), std::nullopt, 10);
  REQUIRE(timers);
  REQUIRE(timers->size() == 1);
  CHECK(timers->front().due == *next_timer(sample.world.state));
  CHECK_FALSE(store->load_state(43).value());
}

TEST_CASE("moving a timer removes the old one; scans come in windows in day order", "[storage]") {
  TempDir dir;
  auto store = open_store(dir);
  const std::uint16_t partition = keys::timer_partition(1);
  DossierState state;
  for (DossierId id = 1; id <= 5 * keys::kTimerPartitions; id += keys::kTimerPartitions) {
    DossierCommit commit;
    commit.id = id;
    commit.new_timer = make_date(2026, 3, 1) + Days{static_cast<int>(id % 7)};
    REQUIRE(store->commit(commit));
  }
  DossierCommit move;
  move.id = 1;
  move.old_timer = make_date(2026, 3, 2);
  move.new_timer = make_date(2026, 4, 1);
  REQUIRE(store->commit(move));
  std::vector<TimerEntry> seen;
  std::optional<TimerEntry> after;
  for (;;) {
    const auto window = store->scan_due_timers(partition, make_date(2026, 3, 31), after, 2);
    REQUIRE(window);
    if (window->empty()) break;
    seen.insert(seen.end(), window->begin(), window->end());
    after = window->back();
  }
  REQUIRE(seen.size() == 4);  // dossier 1 moved past the window
  for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i - 1].due <= seen[i].due);
  for (const TimerEntry& entry : seen) CHECK(entry.id != 1);
}

TEST_CASE("concurrent commits share synced writes (group commit) and are all durable",
          "[storage]") {
  TempDir dir;
  constexpr int kThreads = 8, kCommitsEach = 300;
  {
    auto store = open_store(dir);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kCommitsEach; ++i) {
          DossierCommit commit;
          commit.id = static_cast<DossierId>(t * 100000 + i + 1);
          commit.idempotency = std::make_pair("k" + std::to_string(commit.id), std::string("v"));
          if (!store->commit(commit)) ++failures;
        }
      });
    for (auto& thread : threads) thread.join();
    CHECK(failures == 0);
    CHECK(store->commits() == kThreads * kCommitsEach);
    INFO("synced writes: " << store->synced_writes());
    CHECK(store->synced_writes() * 2 <= store->commits());
  }
  auto store = open_store(dir);
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kCommitsEach; i += 37)
      CHECK(store->lookup_idempotency("k" + std::to_string(t * 100000 + i + 1)).value());
}

TEST_CASE("a data directory held by another process is refused with a clear error", "[storage]") {
  TempDir dir;
  auto first = open_store(dir);
  const auto second = RocksStore::open(dir / "data");
  REQUIRE_FALSE(second);
  CHECK_THAT(second.error().message, Catch::Contains("held by another pincd"));
}

TEST_CASE("a damaged store is refused, not repaired; a missing one is not created unasked",
          "[storage]") {
  TempDir dir;
  { auto store = open_store(dir); }
  std::ofstream(dir / "data/CURRENT", std::ios::trunc) << "MANIFEST-999999\n";
  const auto damaged = RocksStore::open(dir / "data");
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().field == "storage");

  RocksOptions no_create;
  no_create.create_if_missing = false;
  const auto missing = RocksStore::open(dir / "nothing-here", no_create);
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().to_string(), Catch::Contains("nothing-here"));
}

TEST_CASE("injected failures come back as errors and a refused commit leaves nothing",
          "[storage]") {
  TempDir dir;
  auto rocks = open_store(dir);
  FaultyStore store(*rocks);
  Sample sample;
  store.fail_next_commits(1, FaultyStore::Fault::disk_full);
  const auto full = store.commit(sample.commit());
  REQUIRE_FALSE(full);
  CHECK_THAT(full.error().message, Catch::Contains("disk is full"));
  CHECK_FALSE(store.load_state(42).value());
  CHECK_FALSE(store.lookup_reference(keys::invoice_reference("acme", "F-1")).value());

  store.fail_next_commits(1, FaultyStore::Fault::lost_acknowledgement);
  CHECK_FALSE(store.commit(sample.commit()));
  CHECK(store.load_state(42).value());  // written, though nobody heard so

  store.fail_reads(true);
  CHECK_FALSE(store.load_state(42));
  store.fail_reads(false);
  CHECK(store.commit(sample.commit()));
}

TEST_CASE("records beside a decision are written in its batch; the bank family reads by prefix",
          "[storage]") {
  TempDir dir;
  Sample sample;
  {
    auto store = RocksStore::open(dir / "data").value();
    DossierCommit commit = sample.commit();
    commit.extra = {{Family::bank, "tx/abc", std::string("a:42")},
                    {Family::bank, "q/0001", std::nullopt}};
    REQUIRE(store->write({{Family::bank, "q/0001", std::string("queued")},
                          {Family::bank, "q/0002", std::string("queued too")},
                          {Family::bank, "r/other", std::string("x")}}));
    REQUIRE(store->commit(commit));
  }
  auto store = RocksStore::open(dir / "data").value();
  CHECK(store->get(Family::bank, "tx/abc").value() == std::optional<std::string>("a:42"));
  CHECK_FALSE(store->get(Family::bank, "q/0001").value().has_value());  // deleted with the commit
  const auto queued = store->scan(Family::bank, "q/", "", 10).value();
  REQUIRE(queued.size() == 1);
  CHECK(queued[0] == std::make_pair(std::string("q/0002"), std::string("queued too")));
  CHECK(store->scan(Family::bank, "q/", "q/0002", 10).value().empty());
  CHECK(store->load_state(sample.world.state.id).value().has_value());
}

TEST_CASE("a refused commit leaves its extra records unwritten too", "[storage]") {
  TempDir dir;
  Sample sample;
  auto store = RocksStore::open(dir / "data").value();
  FaultyStore faulty(*store);
  faulty.fail_next_commits(1, FaultyStore::Fault::disk_full);
  DossierCommit commit = sample.commit();
  commit.extra = {{Family::bank, "tx/abc", std::string("a:42")}};
  const auto refused = faulty.commit(commit);
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().message, Catch::Contains("disk is full"));
  CHECK_FALSE(store->get(Family::bank, "tx/abc").value().has_value());
  faulty.fail_next_commits(1, FaultyStore::Fault::io_error);
  CHECK_FALSE(faulty.write({{Family::bank, "q/1", std::string("x")}}));
  CHECK_FALSE(store->get(Family::bank, "q/1").value().has_value());
}
