#pragma once
// The engine: dossiers as virtual actors, hosted by shards. Each shard is a CAF actor on its own
// thread (detached, so its RocksDB reads never block CAF's scheduler) that owns a hash partition of
// dossier ids. A dossier is activated from the store on its first message and passivated when
// idle, so only active dossiers take memory. A dossier's inputs run one at a time: the next input
// waits until the previous decision is durable (Orleans-style turns). A supervisor restarts a
// shard that fails; a failure inside one dossier only fails that input.
//
// Thread-safety: every public method may be called from any thread; callbacks run on a shard's or
// the committer's thread and must not block.
#include <caf/fwd.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clock.hpp"
#include "creditors.hpp"
#include "dossier.hpp"
#include "store.hpp"

namespace pinc {

struct EngineOptions {
  std::size_t shards = 2;  // one per core by default
  // Activations a shard keeps; beyond it, idle ones are passivated at once. Default 20,000 (about
  // 12 MiB per shard), so a bulk import or a busy day never holds the whole book in memory.
  std::size_t max_active_per_shard = 20000;
  int idle_seconds = 60;  // an idle activation is passivated after this. Default 60.
  // How often a shard looks at the wall clock's day and for idle activations. Default 10 s.
  std::chrono::milliseconds tick_interval{10000};
  // Catching up on the wall clock after downtime: at most this many overdue timers per second per
  // shard, so a restart after a long stop does not flood the store and the outbox. Default 2,000.
  // The simulated clock is never paced: an admin advancing it waits for the day to finish.
  std::size_t catch_up_per_second = 2000;
};

// How long a shard waits before its next window of `entries` timers so that the run keeps to
// `per_second`, when the last window took `elapsed`. Zero when no wait is needed.
std::chrono::milliseconds catch_up_pause(std::size_t entries, std::chrono::milliseconds elapsed,
                                         std::size_t per_second);

struct CommandOutcome {
  DossierState state;  // after the input
  bool duplicate = false;
};
using CommandCallback = std::function<void(Result<CommandOutcome>)>;

// An input for one dossier, with what must be written beside its decision.
struct Submission {
  DossierId id = 0;
  Input input;
  // When set, stored with the decision; the same key again answers `duplicate` without deciding
  // anything (a retried request, a bank transaction delivered twice).
  std::optional<std::string> idempotency_key;
  std::vector<std::string> references;  // extra index keys (keys.hpp) that point at the dossier
  std::vector<Write> extra;             // other records written in the same batch
};

struct EngineShared;  // what the engine's actors share (engine.cpp)

class Engine {
 public:
  Engine(caf::actor_system& system, Store& store, EngineClock& clock, CreditorRegistry& creditors,
         EngineOptions options);
  ~Engine();  // stops the shards; waits for commits in flight
  // The first step of a clean stop: a clock move under way ends after the day it is in; inputs
  // are still taken, so that work in progress finishes.
  void request_stop();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Sends an input to its dossier. The callback runs on a shard's thread once the decision is
  // durable (or refused).
  void submit(Submission submission, CommandCallback done);

  // Processes every timer due up to and including `day`; calls `done` when all are durable, with
  // false when a shard failed during the run (its timers stay in the index: run the day again).
  void run_timers(Date day, std::function<void(bool complete)> done);

  // Simulated clock: moves forward one day at a time, each day's timers finishing before the next
  // day starts; returns the new day once everything due is processed and persisted.
  Result<Date> advance_days(int days);
  Result<Date> set_day(Date day);
  // Called on the clock-moving thread after each simulated day's timers are all done (the outbox
  // sends that day's letters). Set before the clock first moves.
  void set_after_day(std::function<void(Date)> hook) { after_day_ = std::move(hook); }

  EngineClock& clock() { return clock_; }
  std::size_t shard_count() const;
  std::size_t shard_of(DossierId id) const;
  // Activations in memory across shards (for tests and stats).
  std::size_t active_dossiers() const;

  // Fault injection: kills a shard as a crash would. The supervisor starts it again from the
  // store; inputs it held fail, and nothing durable is lost.
  void kill_shard(std::size_t index);

 private:
  Result<Date> move_clock_to(Date target);
  std::function<void(Date)> after_day_;

  caf::actor_system& system_;
  Store& store_;
  EngineClock& clock_;
  std::shared_ptr<EngineShared> shared_;
  std::unique_ptr<caf::actor> supervisor_;
};

}  // namespace pinc
