#pragma once
// Store on RocksDB: one column family per kind of record (keys.hpp), WAL on, synced group commit
// from a committer thread. Owns the database; closing (destruction) drains the queue first.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "store.hpp"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace pinc {

struct RocksOptions {
  bool create_if_missing = true;
  // Cache for data, index and filter blocks. Default 64 MiB: bounded whatever the number of
  // dossiers on disk, so a million dormant dossiers cost disk, not memory.
  std::size_t block_cache_bytes = 64u << 20;
  // Total memtable memory across all column families. Default 64 MiB.
  std::size_t write_buffer_bytes = 64u << 20;
  // Sync the WAL on every group write. Default true: an acknowledged commit survives power loss.
  // Only a benchmark may turn it off, and it must say so.
  bool sync = true;
  // Most commits waiting for the committer; callers block beyond it. Default 65536.
  std::size_t max_queued_commits = 65536;
};

class RocksStore final : public Store {
 public:
  // Opens (or creates) the store in `directory`. Errors say what is wrong: another process holds
  // the directory, the store is damaged (never repaired silently), the directory is missing.
  static Result<std::unique_ptr<RocksStore>> open(const std::string& directory,
                                                  const RocksOptions& options = {});
  ~RocksStore() override;

  Result<std::optional<DossierState>> load_state(DossierId id) override;
  Result<std::vector<Event>> load_events(DossierId id, std::uint64_t from_seq,
                                         std::size_t limit) override;
  void commit_async(const DossierCommit& commit,
                    std::function<void(Result<Done>)> on_durable) override;
  Result<Done> commit_many(const std::vector<DossierCommit>& commits) override;
  Result<std::vector<TimerEntry>> scan_due_timers(std::uint16_t partition, Date up_to,
                                                  std::optional<TimerEntry> after,
                                                  std::size_t limit) override;
  Result<std::optional<DossierId>> lookup_reference(const std::string& key) override;
  Result<std::vector<std::pair<std::string, DossierId>>> scan_references(
      const std::string& prefix, std::size_t limit) override;
  Result<std::optional<std::string>> lookup_idempotency(const std::string& key) override;
  Result<std::vector<DossierState>> scan_states(DossierId after_id, std::size_t limit) override;
  Result<std::optional<std::string>> get(Family family, const std::string& key) override;
  Result<std::vector<std::pair<std::string, std::string>>> scan(Family family,
                                                                const std::string& prefix,
                                                                const std::string& start_after,
                                                                std::size_t limit) override;
  Result<Done> write(const std::vector<Write>& writes) override;
  Result<std::optional<std::string>> get_meta(const std::string& key) override;
  Result<Done> put_meta(const std::string& key, const std::string& value) override;
  Result<std::vector<std::pair<std::string, std::string>>> scan_meta(
      const std::string& prefix) override;

  // Synced writes issued so far: far fewer than commits when group commit works.
  std::uint64_t synced_writes() const { return synced_writes_.load(); }
  std::uint64_t commits() const { return commits_.load(); }
  // Compacts every column family (for footprint measurements).
  void compact();
  std::uint64_t disk_bytes() const;
  bool sync() const { return options_.sync; }

 private:
  // One commit's writes, encoded on the caller's thread; the committer merges many into one batch.
  struct Pending {
    struct Op {
      Family family;
      std::string key;
      std::optional<std::string> value;  // nullopt: delete
    };
    std::vector<Op> ops;
    std::function<void(Result<Done>)> on_durable;
  };
  RocksStore(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> families,
             const RocksOptions& options);
  static void append(std::vector<Pending::Op>& ops, const DossierCommit& commit);
  void enqueue(std::unique_ptr<Pending> pending);
  void run_committer();

  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;
  RocksOptions options_;

  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable queued_, drained_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> synced_writes_{0}, commits_{0};
  std::thread committer_;
};

}  // namespace pinc
