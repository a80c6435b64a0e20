#pragma once
// The narrow interface between pinc's dossiers and their storage: load a dossier, commit a
// decision, scan due timers, look up a reference. RocksStore implements it on RocksDB, FaultyStore
// wraps any Store to inject failures in tests.
//
// Thread-safety: every method may be called from any thread. Commits are group-committed: many
// callers' commits share one synced write, and each caller hears back (on the committer's thread)
// only once its commit is durable or has failed. A failed commit leaves nothing behind.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dossier.hpp"
#include "result.hpp"

namespace pinc {

enum class Family : std::uint8_t {
  state,
  events,
  timers,
  refs,
  outbox,
  idempotency,
  meta,
  bank,
  dispatch,
};
inline constexpr std::size_t kFamilyCount = 9;

struct Done {};

// One key written (or deleted, with no value) in a family, beside a decision or on its own.
struct Write {
  Family family = Family::meta;
  std::string key;
  std::optional<std::string> value;  // nullopt: delete
};

// Everything one decision changes, written in one batch.
struct DossierCommit {
  DossierId id = 0;
  const DossierState* state = nullptr;  // the state after the decision (kept alive by the caller
                                        // until commit_async returns)
  std::vector<Event> events;
  std::vector<Effect> effects;
  std::optional<Date> old_timer, new_timer;
  std::vector<std::string> references;  // reference keys (keys.hpp) that now name this dossier
  std::vector<std::string> removed_references;  // reference keys that no longer do
  std::optional<std::pair<std::string, std::string>> idempotency;  // key -> answer
  std::vector<Write> extra;  // other records that must change with this decision, or not at all
};

struct TimerEntry {
  Date due{};
  DossierId id = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Result<std::optional<DossierState>> load_state(DossierId id) = 0;
  virtual Result<std::vector<Event>> load_events(DossierId id, std::uint64_t from_seq,
                                                 std::size_t limit) = 0;

  // Encodes the commit on the calling thread, queues it, and calls `on_durable` once it is synced
  // (or failed). Blocks while the commit queue is full (back-pressure).
  virtual void commit_async(const DossierCommit& commit,
                            std::function<void(Result<Done>)> on_durable) = 0;
  // Many dossiers in one batch, synced once (bulk import).
  virtual Result<Done> commit_many(const std::vector<DossierCommit>& commits) = 0;
  Result<Done> commit(const DossierCommit& commit);

  // Timers of one partition due on or before `up_to`, in (day, id) order, starting after `after`.
  virtual Result<std::vector<TimerEntry>> scan_due_timers(std::uint16_t partition, Date up_to,
                                                          std::optional<TimerEntry> after,
                                                          std::size_t limit) = 0;
  virtual Result<std::optional<DossierId>> lookup_reference(const std::string& key) = 0;
  // Reference keys starting with `prefix`, in key order, at most `limit`.
  virtual Result<std::vector<std::pair<std::string, DossierId>>> scan_references(
      const std::string& prefix, std::size_t limit) = 0;
  virtual Result<std::optional<std::string>> lookup_idempotency(const std::string& key) = 0;

  // Dossier snapshots in id order after `after_id` (for listing and statistics).
  virtual Result<std::vector<DossierState>> scan_states(DossierId after_id, std::size_t limit) = 0;

  // Any family by key, and in key order by prefix (after `start_after`, when not empty).
  virtual Result<std::optional<std::string>> get(Family family, const std::string& key) = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> scan(
      Family family, const std::string& prefix, const std::string& start_after,
      std::size_t limit) = 0;
  // Writes that belong to no dossier (the unmatched-payments queue), in one synced batch.
  virtual Result<Done> write(const std::vector<Write>& writes) = 0;

  // Small durable settings (creditors, clock, counters): written synced at once.
  virtual Result<std::optional<std::string>> get_meta(const std::string& key) = 0;
  virtual Result<Done> put_meta(const std::string& key, const std::string& value) = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> scan_meta(
      const std::string& prefix) = 0;
};

}  // namespace pinc
