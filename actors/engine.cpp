#include "engine.hpp"

#include <spdlog/spdlog.h>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <unordered_map>

#include "keys.hpp"
#include "overloaded.hpp"
#include "payment_matching.hpp"

namespace pinc {

// --- messages ------------------------------------------------------------------------------------

// One input for one dossier. The callback is called exactly once, on the shard's thread; if the
// shard dies first, the job's destruction answers with an error instead.
struct Job {
  DossierId id = 0;
  Input input;
  std::optional<std::string> idempotency_key;
  std::vector<std::string> references;
  std::vector<Write> extra;
  CommandCallback done;
  int chain = 0;  // timers fired back to back for the same dossier on one day

  void finish(Result<CommandOutcome> outcome) {
    auto callback = std::move(done);
    done = nullptr;
    if (callback) callback(std::move(outcome));
  }
  ~Job() {
    finish(make_error("engine",
                      "the shard hosting the dossier failed; the input may or may not have been "
                      "applied: retry it with the same request id"));
  }
};
// One shard's share of a day's timers. `done(true)` once all are durable; destroyed unfinished
// (its shard died), it reports `done(false)`.
struct TimerRun {
  Date day{};
  std::function<void(bool complete)> done;

  void finish(bool complete) {
    auto callback = std::move(done);
    done = nullptr;
    if (callback) callback(complete);
  }
  ~TimerRun() { finish(false); }
};
// A decision's commit came back from the committer thread.
struct CommitDone {
  DossierId id = 0;
  Result<Done> result = Done{};
  DossierState state;  // the state the commit wrote
  std::shared_ptr<Job> job;
  bool duplicate = false;
};

}  // namespace pinc

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<pinc::Job>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<pinc::TimerRun>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<pinc::CommitDone>)

namespace pinc {

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using window_atom = caf::atom_constant<caf::atom("window")>;
using stop_atom = caf::atom_constant<caf::atom("stop")>;
using resume_atom = caf::atom_constant<caf::atom("resume")>;

struct EngineShared {
  EngineShared(Store& store, EngineClock& clock, CreditorRegistry& creditors, EngineOptions options)
      : store(store), clock(clock), creditors(creditors), options(options) {}
  Store& store;
  EngineClock& clock;
  CreditorRegistry& creditors;
  EngineOptions options;
  std::mutex mutex;  // guards shards and stopping
  std::vector<caf::actor> shards;
  bool stopping = false;
  std::atomic<std::size_t> active{0};
  std::atomic<int> clock_moves{0};  // move_clock_to calls under way

  caf::actor shard(std::size_t index) {
    std::lock_guard lock(mutex);
    return shards[index];
  }
};

namespace {

constexpr std::size_t kTimerWindow = 512;
constexpr int kMaxChain = 10;
constexpr int kMaxRounds = 5;

struct Activation {
  DossierState state;
  std::optional<Date> stored_timer;  // the timer key the store holds for it
  bool busy = false;                 // a decision is being committed
  std::deque<std::shared_ptr<Job>> waiting;
  std::chrono::steady_clock::time_point last_used;
};

struct ShardState {
  // Keeps the engine's count of activations right when the shard dies with some in memory.
  ~ShardState() {
    if (active_count) *active_count -= active.size();
  }
  std::atomic<std::size_t>* active_count = nullptr;
  std::unordered_map<DossierId, Activation> active;
  std::vector<std::uint16_t> partitions;
  // The timer run under way, and where it stands.
  std::shared_ptr<TimerRun> run;
  std::deque<std::shared_ptr<TimerRun>> queued_runs;
  std::size_t partition_index = 0;
  std::optional<TimerEntry> cursor;
  std::chrono::steady_clock::time_point window_started;
  std::size_t window_entries = 0;
  int round = 0;
  bool found_in_round = false;
  std::optional<Date> last_wall_run;
  static inline const char* name = "pinc.shard";
};

using ShardActor = caf::stateful_actor<ShardState>;

// The index keys a decision's events point at the dossier.
std::vector<std::string> references_of(const std::vector<Event>& events,
                                       const DossierState& state) {
  std::vector<std::string> refs;
  for (const Event& event : events) {
    if (const auto* opened = std::get_if<DossierOpened>(&event.payload)) {
      refs.push_back(keys::payment_reference(opened->payment_reference));
      refs.push_back(keys::debtor_reference(opened->creditor, opened->debtor.ref));
      refs.push_back(keys::debtor_name(normalize_name(opened->debtor.name), state.id));
      for (const Invoice& invoice : opened->invoices)
        refs.push_back(keys::invoice_reference(opened->creditor, invoice.number));
    } else if (const auto* added = std::get_if<InvoiceAdded>(&event.payload)) {
      refs.push_back(keys::invoice_reference(state.creditor, added->invoice.number));
    }
  }
  return refs;
}

// The call-task index entry a state calls for: an open call task of a dossier whose flow runs (not
// closed, and not held by a promise, arrangement, dispute or pause), so that `call next` is one
// seek instead of a scan of every dossier.
std::optional<std::string> call_task_key(const DossierState& state) {
  const Schedule& schedule = state.schedule;
  if (!state.created || !schedule.call_task_open || !schedule.call_task_due) return std::nullopt;
  if (is_closed(state.stage) || !std::holds_alternative<std::monostate>(state.side))
    return std::nullopt;
  const Date due = *schedule.call_task_due;
  return keys::call_task(static_cast<std::int32_t>(due.time_since_epoch().count()), state.id);
}

class Shard {
 public:
  Shard(ShardActor* self, std::shared_ptr<EngineShared> shared)
      : self_(self), shared_(std::move(shared)) {}

  void handle(std::shared_ptr<Job> job) {
    auto found = self_->state.active.find(job->id);
    if (found == self_->state.active.end()) {
      auto loaded = shared_->store.load_state(job->id);
      if (!loaded) return job->finish(loaded.error());
      Activation activation;
      if (*loaded) {
        activation.state = std::move(**loaded);
        activation.stored_timer = next_timer(activation.state);
      } else if (std::holds_alternative<OpenDossier>(job->input.payload)) {
        activation.state.id = job->id;
      } else {
        return job->finish(make_error("dossier", "no dossier with id " + std::to_string(job->id)));
      }
      found = self_->state.active.emplace(job->id, std::move(activation)).first;
      ++shared_->active;
    }
    Activation& activation = found->second;
    activation.last_used = std::chrono::steady_clock::now();
    if (activation.busy) {
      activation.waiting.push_back(std::move(job));
      return;
    }
    run(activation, std::move(job));
  }

  void committed(std::shared_ptr<CommitDone> done) {
    auto found = self_->state.active.find(done->id);
    if (found == self_->state.active.end()) {  // cannot happen: busy activations stay
      spdlog::error("shard: commit for dossier {} without an activation", done->id);
      return done->job->finish(make_error("engine", "internal error: lost activation"));
    }
    Activation& activation = found->second;
    activation.busy = false;
    std::deque<std::shared_ptr<Job>> waiting;
    if (!done->result) {
      // Not durable: forget the activation so the next input starts from what the store holds.
      waiting.swap(activation.waiting);
      self_->state.active.erase(found);
      --shared_->active;
      done->job->finish(done->result.error());
      for (auto& job : waiting) handle(std::move(job));
      return;
    }
    activation.state = std::move(done->state);
    activation.stored_timer = next_timer(activation.state);
    const Date today = shared_->clock.today();
    auto job = std::move(done->job);
    job->finish(CommandOutcome{activation.state, done->duplicate});
    // Something is due today already (a resumed flow, a catch-up): carry it out now.
    if (activation.stored_timer && *activation.stored_timer <= today && job->chain < kMaxChain &&
        !self_->state.run) {
      auto timer = std::make_shared<Job>();
      timer->id = done->id;
      timer->input = Input{"timer", TimerFired{}};
      timer->chain = job->chain + 1;
      activation.waiting.push_front(std::move(timer));
    }
    if (!activation.waiting.empty()) {
      auto next = std::move(activation.waiting.front());
      activation.waiting.pop_front();
      run(activation, std::move(next));
    }
    // Over the cap (a bulk import, a busy day): make room now rather than at the next tick.
    if (self_->state.active.size() > shared_->options.max_active_per_shard) passivate(false);
  }

  // --- timers ----------------------------------------------------------------------------------

  void start_run(std::shared_ptr<TimerRun> run) {
    auto& st = self_->state;
    if (st.run) {
      st.queued_runs.push_back(std::move(run));
      return;
    }
    st.run = std::move(run);
    st.partition_index = 0;
    st.cursor.reset();
    st.round = 0;
    st.found_in_round = false;
    next_window();
  }

  void next_window() {
    auto& st = self_->state;
    while (st.run) {
      if (st.partition_index >= st.partitions.size()) {
        if (st.found_in_round && st.round + 1 < kMaxRounds) {
          ++st.round;  // timers that came due during the run (a resumed flow, a chained step)
          st.partition_index = 0;
          st.found_in_round = false;
          continue;
        }
        finish_run();
        continue;
      }
      auto entries = shared_->store.scan_due_timers(st.partitions[st.partition_index], st.run->day,
                                                    st.cursor, kTimerWindow);
      if (!entries) {
        spdlog::error("shard: reading timers failed: {}", entries.error().to_string());
        ++st.partition_index;
        st.cursor.reset();
        continue;
      }
      if (entries->empty()) {
        ++st.partition_index;
        st.cursor.reset();
        continue;
      }
      st.cursor = entries->back();
      st.found_in_round = true;
      st.window_entries = entries->size();
      st.window_started = std::chrono::steady_clock::now();
      // The jobs count down in a message of their own rather than touching the shard: a job's
      // callback runs inside a dossier's turn, whose activation the next window's passivation
      // could erase under it, or from a dying shard's destructor.
      auto outstanding = std::make_shared<std::atomic<std::size_t>>(entries->size());
      const caf::actor_addr me = self_->address();
      for (const TimerEntry& entry : *entries) {
        auto job = std::make_shared<Job>();
        job->id = entry.id;
        job->input = Input{"timer", TimerFired{}};
        job->chain = kMaxChain;  // the run's next round picks up what comes due
        job->done = [outstanding, me](Result<CommandOutcome> outcome) {
          if (!outcome) spdlog::warn("shard: timer failed: {}", outcome.error().to_string());
          if (--*outstanding == 0)
            if (auto shard = caf::actor_cast<caf::actor>(me))
              caf::anon_send(shard, window_atom::value);
        };
        handle(std::move(job));
      }
      return;  // window_done() continues once every job of the window is durable
    }
  }

  // Every job of the window is durable: free memory, then the next window, paced on the wall
  // clock so that catching up after downtime keeps to the configured rate.
  void window_done() {
    auto& st = self_->state;
    passivate(false);
    if (!shared_->clock.is_simulated()) {
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - st.window_started);
      const auto pause =
          catch_up_pause(st.window_entries, elapsed, shared_->options.catch_up_per_second);
      if (pause.count() > 0) {
        self_->delayed_send(self_, pause, resume_atom::value);
        return;
      }
    }
    next_window();
  }

  void finish_run() {
    auto& st = self_->state;
    auto run = std::move(st.run);
    st.run.reset();
    run->finish(true);
    if (!st.queued_runs.empty()) {
      auto next = std::move(st.queued_runs.front());
      st.queued_runs.pop_front();
      start_run(std::move(next));
    }
  }

  // Wall clock: each tick runs the timers due today; passivation of idle dossiers.
  void tick() {
    auto& st = self_->state;
    if (!shared_->clock.is_simulated() && !st.run) {
      const Date today = shared_->clock.today();
      auto run = std::make_shared<TimerRun>();
      run->day = today;
      start_run(std::move(run));
      st.last_wall_run = today;
    }
    passivate(true);
  }

  // Drops activations nobody is waiting on: idle ones, and beyond the cap any, down to half the
  // cap, so that the next eviction is some way off.
  void passivate(bool idle_only) {
    auto& active = self_->state.active;
    const auto now = std::chrono::steady_clock::now();
    const auto idle = std::chrono::seconds(shared_->options.idle_seconds);
    const std::size_t cap = shared_->options.max_active_per_shard;
    const bool over_cap = active.size() > cap;
    if (!idle_only && !over_cap) return;
    for (auto it = active.begin(); it != active.end();) {
      const Activation& a = it->second;
      const bool evict = over_cap ? active.size() > cap / 2 : now - a.last_used > idle;
      if (!a.busy && a.waiting.empty() && evict) {
        it = active.erase(it);
        --shared_->active;
      } else {
        ++it;
      }
    }
  }

 private:
  void run(Activation& activation, std::shared_ptr<Job> job) {
    auto finish_now = [&](Result<CommandOutcome> outcome) {
      job->finish(std::move(outcome));
      if (!activation.waiting.empty()) {
        auto next = std::move(activation.waiting.front());
        activation.waiting.pop_front();
        run(activation, std::move(next));
      }
    };
    if (job->idempotency_key) {
      auto seen = shared_->store.lookup_idempotency(*job->idempotency_key);
      if (!seen) return finish_now(seen.error());
      if (*seen) return finish_now(CommandOutcome{activation.state, true});
    }
    const DossierState& state = activation.state;
    std::string creditor = state.creditor;
    if (const auto* open = std::get_if<OpenDossier>(&job->input.payload)) creditor = open->creditor;
    const auto context = shared_->creditors.find(creditor);
    if (!context) return finish_now(make_error("creditor", "unknown creditor '" + creditor + "'"));

    Result<Decision> decision = make_error("engine", "not decided");
    try {
      decision = decide(state, job->input, shared_->clock.today(), context->decide);
    } catch (const std::exception& failure) {  // a bug in one dossier must not stop the others
      spdlog::error("dossier {}: decide failed: {}", job->id, failure.what());
      decision = make_error("engine", std::string("internal error: ") + failure.what());
    }
    if (!decision) return finish_now(decision.error());
    if (decision->events.empty() && !job->idempotency_key)
      return finish_now(CommandOutcome{state, decision->duplicate});

    auto done = std::make_shared<CommitDone>();
    done->id = job->id;
    done->state = state;
    for (const Event& event : decision->events) apply(done->state, event);
    done->duplicate = decision->duplicate;
    DossierCommit commit;
    commit.id = job->id;
    commit.state = decision->events.empty() ? nullptr : &done->state;
    commit.events = std::move(decision->events);
    commit.effects = std::move(decision->effects);
    commit.old_timer = activation.stored_timer;
    commit.new_timer = next_timer(done->state);
    commit.references = references_of(commit.events, done->state);
    commit.references.insert(commit.references.end(), job->references.begin(),
                             job->references.end());
    const auto old_call_task = call_task_key(state), new_call_task = call_task_key(done->state);
    if (old_call_task != new_call_task) {
      if (old_call_task) commit.removed_references.push_back(*old_call_task);
      if (new_call_task) commit.references.push_back(*new_call_task);
    }
    if (job->idempotency_key) commit.idempotency = std::make_pair(*job->idempotency_key, "1");
    commit.extra = std::move(job->extra);
    done->job = std::move(job);
    activation.busy = true;
    caf::actor me = caf::actor_cast<caf::actor>(self_);
    shared_->store.commit_async(commit, [me, done](Result<Done> result) mutable {
      done->result = std::move(result);
      caf::anon_send(me, std::move(done));
    });
  }

  ShardActor* self_;
  std::shared_ptr<EngineShared> shared_;
};

caf::behavior shard_actor(ShardActor* self, std::shared_ptr<EngineShared> shared,
                          std::size_t index) {
  for (std::uint16_t p = 0; p < keys::kTimerPartitions; ++p)
    if (p % shared->options.shards == index) self->state.partitions.push_back(p);
  self->state.active_count = &shared->active;
  auto shard = std::make_shared<Shard>(self, shared);
  self->delayed_send(self, std::min(shared->options.tick_interval, std::chrono::milliseconds(1000)),
                     tick_atom::value);
  return {
      [shard](std::shared_ptr<Job> job) { shard->handle(std::move(job)); },
      [shard](std::shared_ptr<CommitDone> done) { shard->committed(std::move(done)); },
      [shard](std::shared_ptr<TimerRun> run) { shard->start_run(std::move(run)); },
      [shard](window_atom) { shard->window_done(); },
      [shard](resume_atom) { shard->next_window(); },
      [self, shard, shared](tick_atom) {
        shard->tick();
        self->delayed_send(self, shared->options.tick_interval, tick_atom::value);
      },
      [self](stop_atom) { self->quit(); },
  };
}

// Starts the shards and starts a shard again from persisted state when it fails.
caf::behavior supervisor_actor(caf::event_based_actor* self, std::shared_ptr<EngineShared> shared) {
  auto spawn_shard = [self, shared](std::size_t index) {
    auto shard = self->spawn<caf::detached + caf::monitored>(shard_actor, shared, index);
    std::lock_guard lock(shared->mutex);
    shared->shards[index] = shard;
  };
  for (std::size_t i = 0; i < shared->options.shards; ++i) spawn_shard(i);
  self->set_down_handler([self, shared, spawn_shard](caf::down_msg& down) {
    std::optional<std::size_t> index;
    {
      std::lock_guard lock(shared->mutex);
      if (shared->stopping) return;
      for (std::size_t i = 0; i < shared->shards.size(); ++i)
        if (shared->shards[i].address() == down.source) index = i;
    }
    if (!index) return;
    spdlog::error("shard {} stopped ({}); starting it again from the store", *index,
                  self->system().render(down.reason));
    spawn_shard(*index);
  });
  return {
      [self, shared](stop_atom) {
        std::vector<caf::actor> shards;
        {
          std::lock_guard lock(shared->mutex);
          shared->stopping = true;
          shards = shared->shards;
        }
        for (auto& shard : shards) self->send(shard, stop_atom::value);
        self->quit();
      },
  };
}

}  // namespace

Engine::Engine(caf::actor_system& system, Store& store, EngineClock& clock,
               CreditorRegistry& creditors, EngineOptions options)
    : system_(system), store_(store), clock_(clock) {
  if (options.shards == 0) options.shards = 1;
  shared_ = std::make_shared<EngineShared>(store, clock, creditors, options);
  shared_->shards.resize(options.shards);
  supervisor_ = std::make_unique<caf::actor>(system.spawn(supervisor_actor, shared_));
  // The shards exist once the supervisor has run its constructor; wait for that.
  for (;;) {
    {
      std::lock_guard lock(shared_->mutex);
      bool ready = true;
      for (const auto& shard : shared_->shards) ready = ready && shard;
      if (ready) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

Engine::~Engine() {
  caf::anon_send(*supervisor_, stop_atom::value);
  supervisor_.reset();
  // A clock move under way (on an RPC worker thread) notices `stopping` and returns.
  while (shared_->clock_moves.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Wait until every shard has stopped, then drop the handles (a handle that outlives the actor
  // system would block its shutdown).
  for (;;) {
    bool running = false;
    {
      std::lock_guard lock(shared_->mutex);
      for (const auto& shard : shared_->shards)
        if (shard && !shard->getf(caf::abstract_actor::is_terminated_flag)) running = true;
    }
    if (!running) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::lock_guard lock(shared_->mutex);
  shared_->shards.clear();
}

void Engine::request_stop() {
  std::lock_guard lock(shared_->mutex);
  shared_->stopping = true;
}

std::size_t Engine::shard_count() const {
  return shared_->options.shards;
}
std::size_t Engine::shard_of(DossierId id) const {
  return keys::timer_partition(id) % shared_->options.shards;
}
std::size_t Engine::active_dossiers() const {
  return shared_->active.load();
}

void Engine::submit(Submission submission, CommandCallback done) {
  auto job = std::make_shared<Job>();
  job->id = submission.id;
  job->input = std::move(submission.input);
  job->idempotency_key = std::move(submission.idempotency_key);
  job->references = std::move(submission.references);
  job->extra = std::move(submission.extra);
  job->done = std::move(done);
  caf::anon_send(shared_->shard(shard_of(submission.id)), std::move(job));
}

void Engine::kill_shard(std::size_t index) {
  caf::anon_send_exit(shared_->shard(index), caf::exit_reason::kill);
}

void Engine::run_timers(Date day, std::function<void(bool complete)> done) {
  struct Tally {
    std::atomic<std::size_t> remaining;
    std::atomic<bool> complete{true};
    std::function<void(bool)> done;
  };
  auto tally = std::make_shared<Tally>();
  tally->remaining = shard_count();
  tally->done = std::move(done);
  for (std::size_t i = 0; i < shard_count(); ++i) {
    auto run = std::make_shared<TimerRun>();
    run->day = day;
    run->done = [tally](bool complete) {
      if (!complete) tally->complete = false;
      if (--tally->remaining == 0) tally->done(tally->complete);
    };
    caf::anon_send(shared_->shard(i), std::move(run));
  }
}

std::chrono::milliseconds catch_up_pause(std::size_t entries, std::chrono::milliseconds elapsed,
                                         std::size_t per_second) {
  if (per_second == 0) return std::chrono::milliseconds(0);
  const auto budget = std::chrono::milliseconds(entries * 1000 / per_second);
  return std::max(budget - elapsed, std::chrono::milliseconds(0));
}

Result<Date> Engine::move_clock_to(Date target) {
  if (!clock_.is_simulated()) return make_error("clock", "pincd runs on the wall clock");
  ++shared_->clock_moves;
  struct Leave {
    std::atomic<int>& moves;
    ~Leave() { --moves; }
  } leave{shared_->clock_moves};
  Date day = clock_.today();
  if (target < day) return make_error("clock", "the simulated clock cannot go back");
  // Catch up the current day first (a restart may have left its timers unprocessed).
  for (;;) {
    // A day ends only when every shard has finished it: a shard that failed mid-day is restarted
    // by the supervisor, and the day runs again (timers already done are gone from the index).
    for (bool complete = false; !complete;) {
      {
        std::lock_guard lock(shared_->mutex);
        if (shared_->stopping) return make_error("clock", "pincd is shutting down");
      }
      std::promise<bool> processed;
      run_timers(day, [&processed](bool all) { processed.set_value(all); });
      complete = processed.get_future().get();
      if (!complete) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (after_day_) after_day_(day);
    if (day == target) return day;
    day += Days{1};
    const std::string text = format_date(day);
    if (auto saved = store_.put_meta("clock", text); !saved) return saved.error();
    clock_.set(day);
  }
}

Result<Date> Engine::advance_days(int days) {
  if (days < 0) return make_error("days", "must be 0 or more");
  return move_clock_to(clock_.today() + Days{days});
}

Result<Date> Engine::set_day(Date day) {
  return move_clock_to(day);
}

}  // namespace pinc
