#include "rocks_store.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/table_properties_collectors.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <filesystem>

#include "keys.hpp"
#include "records.hpp"

namespace pinc {

namespace {

constexpr std::array<const char*, kFamilyCount> kFamilyNames = {
    "state", "events", "timers", "refs", "outbox", "idempotency", "meta", "bank", "dispatch"};

Error storage_error(const rocksdb::Status& status, const std::string& what) {
  if (status.IsIOError() && status.subcode() == rocksdb::Status::kNoSpace)
    return make_error("storage", what + ": the disk is full (" + status.ToString() + ")");
  if (status.IsCorruption())
    return make_error("storage", what + ": the store is damaged (" + status.ToString() + ")");
  return make_error("storage", what + ": " + status.ToString());
}

rocksdb::Slice slice(const std::string& text) {
  return rocksdb::Slice(text.data(), text.size());
}

bool holds_store_files(const std::string& directory) {
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("MANIFEST-", 0) == 0 || entry.path().extension() == ".sst" ||
        entry.path().extension() == ".log")
      return true;
  }
  return false;
}

}  // namespace

Result<Done> Store::commit(const DossierCommit& commit) {
  std::mutex mutex;
  std::condition_variable done;
  std::optional<Result<Done>> result;
  commit_async(commit, [&](Result<Done> outcome) {
    std::lock_guard lock(mutex);
    result = std::move(outcome);
    done.notify_one();
  });
  std::unique_lock lock(mutex);
  done.wait(lock, [&] { return result.has_value(); });
  return std::move(*result);
}

Result<std::unique_ptr<RocksStore>> RocksStore::open(const std::string& directory,
                                                     const RocksOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;               // default false
  db_options.create_missing_column_families = options.create_if_missing;  // default false
  db_options.paranoid_checks = true;  // default true: a damaged store is refused, not repaired
  db_options.db_write_buffer_size = options.write_buffer_bytes;  // default 0 (unlimited)
  db_options.max_background_jobs = 2;  // default 2: flushes and compactions share the 2 cores
  db_options.keep_log_file_num = 5;    // default 1000 info logs
  db_options.max_open_files = 512;     // default -1 (all): bounds table-reader memory
  // Rarely written families (meta, idempotency) would otherwise keep every log file alive, and a
  // restart after a crash would replay hundreds of megabytes. Default 0 (4 x write buffers).
  db_options.max_total_wal_size = 32u << 20;
  // Replayed writes stay in the memtables instead of being flushed before the store opens: a
  // restart after kill -9 answers sooner. Default false.
  db_options.avoid_flush_during_recovery = true;
  // One committer thread writes: nobody to wait for in RocksDB's write group, so no spinning and
  // yielding while joining one. Default true.
  db_options.enable_write_thread_adaptive_yield = false;

  rocksdb::BlockBasedTableOptions table;
  // 16 shards (default 64): each shard must hold the largest block it caches.
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes, 4);  // default 8 MiB
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));  // default none: point lookups
  // Index and filter blocks live in the block cache (default: on the heap per open file), so
  // memory stays bounded by the cache however many dossiers are on disk.
  table.cache_index_and_filter_blocks = true;
  table.cache_index_and_filter_blocks_with_high_priority = true;  // default true
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  // Partitioned (default: whole-file) index and filters: a lookup loads a 4 KiB partition, not a
  // file's megabytes of filter, which a cache shard could not keep and would read from disk for
  // every lookup once the store holds a million dossiers.
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;  // default binary
  table.partition_filters = true;                                            // default false
  table.metadata_block_size = 4096;                                          // default 4096
  table.pin_top_level_index_and_filter = true;                               // default true
  table.format_version = 5;

  rocksdb::ColumnFamilyOptions family_options;
  family_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  family_options.compression = rocksdb::kLZ4Compression;       // default snappy
  family_options.bottommost_compression = rocksdb::kZSTD;      // default none: smallest disk
  family_options.level_compaction_dynamic_level_bytes = true;  // default false
  family_options.write_buffer_size = 16u << 20;                // default 64 MiB per family

  // Timers and pending letters are queues: read from the front, deleted once carried out. Every
  // scan from the front steps over the tombstones of what was carried out until compaction drops
  // them; a table dense with deletions is compacted at once instead of when its level fills
  // (RocksDB's CompactOnDeletionCollector: 64 deletions among 128 consecutive entries), and a
  // small memtable (default 16 MiB here) keeps few tombstones out of reach of compaction.
  rocksdb::ColumnFamilyOptions queue_options = family_options;
  queue_options.table_properties_collector_factories.emplace_back(
      rocksdb::NewCompactOnDeletionCollectorFactory(128, 64));
  queue_options.write_buffer_size = 4u << 20;

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, family_options);
  for (const char* name : kFamilyNames) {
    const bool queue = std::string_view(name) == "timers" || std::string_view(name) == "dispatch";
    descriptors.emplace_back(name, queue ? queue_options : family_options);
  }

  // A log damaged anywhere but in its last record (which a crash may cut short) is refused. The
  // default, point-in-time recovery, would open the store without everything after the damage:
  // acknowledged dossiers and payments lost without a word.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;

  // Table files without the CURRENT file that names them: RocksDB would create an empty store
  // beside them. Refuse instead.
  const bool has_current = std::filesystem::exists(std::filesystem::path(directory) / "CURRENT");
  if (!has_current && holds_store_files(directory))
    return make_error("storage", "cannot open the store in " + directory +
                                     ": the store is damaged (its CURRENT file is missing)");

  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  const rocksdb::Status status =
      rocksdb::DB::Open(db_options, directory, descriptors, &handles, &db);
  if (!status.ok()) {
    const std::string message = status.ToString();
    // RocksDB's words for a LOCK file held by another process, or by this one.
    if (status.IsIOError() && (message.find("While lock file") != std::string::npos ||
                               message.find("lock hold by") != std::string::npos))
      return make_error("data", "the data directory " + directory + " is held by another pincd (" +
                                    message + ")");
    if (status.IsInvalidArgument() && message.find("does not exist") != std::string::npos)
      return make_error("data", "no pinc store in " + directory + " (" + message + ")");
    // A store whose CURRENT names files that are gone (a MANIFEST, a table) is damaged.
    const bool missing_file =
        status.IsNotFound() || message.find("No such file") != std::string::npos;
    if (has_current && missing_file)
      return make_error("storage", "cannot open the store in " + directory +
                                       ": the store is damaged (" + message + ")");
    return storage_error(status, "cannot open the store in " + directory);
  }
  // Drop the default family's handle; pinc keeps nothing there.
  db->DestroyColumnFamilyHandle(handles.front());
  handles.erase(handles.begin());
  return std::unique_ptr<RocksStore>(new RocksStore(db, std::move(handles), options));
}

RocksStore::RocksStore(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> families,
                       const RocksOptions& options)
    : db_(db), families_(std::move(families)), options_(options) {
  committer_ = std::thread([this] { run_committer(); });
}

RocksStore::~RocksStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  committer_.join();
  db_->FlushWAL(true);
  // Memtables to table files: the next start has no log to replay (a clean stop restarts fast;
  // after a crash the WAL replays, bounded by write_buffer_bytes).
  rocksdb::FlushOptions flush;
  flush.wait = true;
  db_->Flush(flush, families_);
  for (auto* handle : families_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close();
  delete db_;
}

namespace {
// The letters an effect asks for, one per route.
std::vector<keys::Delivery> deliveries_of(const DossierCommit& commit, const Effect& effect) {
  std::vector<keys::Delivery> out;
  if (const auto* document = std::get_if<SendDocument>(&effect.payload)) {
    for (Channel channel : document->channels)
      out.push_back({day_number(document->dispatch_on), commit.id, effect.seq,
                     channel == Channel::post ? keys::Route::post : keys::Route::email});
  } else if (std::holds_alternative<HandOverExport>(effect.payload)) {
    for (const Event& event : commit.events)
      if (event.seq == effect.seq)
        out.push_back(
            {day_number(event.date), commit.id, effect.seq, keys::Route::creditor_notice});
  }
  return out;
}
}  // namespace

void RocksStore::append(std::vector<Pending::Op>& ops, const DossierCommit& commit) {
  if (commit.state)
    ops.push_back({Family::state, keys::dossier(commit.id), records::encode_state(*commit.state)});
  for (const Event& event : commit.events)
    ops.push_back(
        {Family::events, keys::event(commit.id, event.seq), records::encode_event(event)});
  for (const Effect& effect : commit.effects) {
    ops.push_back({Family::outbox, keys::outbox(commit.id, effect.seq),
                   records::encode_effect(commit.id, effect)});
    // The letters it asks for enter the dispatcher's queue in the same batch: none is lost and
    // none is queued twice.
    for (const keys::Delivery& delivery : deliveries_of(commit, effect))
      ops.push_back({Family::dispatch, keys::pending_delivery(delivery), std::string()});
  }
  const std::uint16_t partition = keys::timer_partition(commit.id);
  if (commit.old_timer != commit.new_timer) {
    if (commit.old_timer)
      ops.push_back({Family::timers,
                     keys::timer(partition, day_number(*commit.old_timer), commit.id),
                     std::nullopt});
    if (commit.new_timer)
      ops.push_back({Family::timers,
                     keys::timer(partition, day_number(*commit.new_timer), commit.id),
                     std::string()});
  }
  for (const std::string& reference : commit.removed_references)
    ops.push_back({Family::refs, reference, std::nullopt});
  for (const std::string& reference : commit.references)
    ops.push_back({Family::refs, reference, keys::encode_id(commit.id)});
  if (commit.idempotency)
    ops.push_back({Family::idempotency, commit.idempotency->first, commit.idempotency->second});
  for (const Write& write : commit.extra) ops.push_back({write.family, write.key, write.value});
}

Result<Done> RocksStore::write(const std::vector<Write>& writes) {
  rocksdb::WriteBatch batch;
  for (const Write& write : writes) {
    auto* family = families_[static_cast<std::size_t>(write.family)];
    const rocksdb::Status status = write.value
                                       ? batch.Put(family, slice(write.key), slice(*write.value))
                                       : batch.Delete(family, slice(write.key));
    if (!status.ok()) return storage_error(status, "write failed");
  }
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  const rocksdb::Status status = db_->Write(write_options, &batch);
  if (!status.ok()) return storage_error(status, "write failed");
  return Done{};
}

Result<std::vector<std::pair<std::string, std::string>>> RocksStore::scan(
    Family family, const std::string& prefix, const std::string& start_after, std::size_t limit) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_[static_cast<std::size_t>(family)]));
  it->Seek(start_after.empty() ? prefix : start_after);
  if (!start_after.empty() && it->Valid() && it->key().ToStringView() == start_after) it->Next();
  for (; it->Valid() && it->key().starts_with(prefix) && rows.size() < limit; it->Next())
    rows.emplace_back(it->key().ToString(), it->value().ToString());
  if (!it->status().ok()) return storage_error(it->status(), "reading failed");
  return rows;
}

void RocksStore::commit_async(const DossierCommit& commit,
                              std::function<void(Result<Done>)> on_durable) {
  auto pending = std::make_unique<Pending>();
  append(pending->ops, commit);
  pending->on_durable = std::move(on_durable);
  enqueue(std::move(pending));
}

void RocksStore::enqueue(std::unique_ptr<Pending> pending) {
  std::unique_lock lock(mutex_);
  drained_.wait(lock, [&] { return queue_.size() < options_.max_queued_commits || stopping_; });
  queue_.push_back(std::move(pending));
  lock.unlock();
  queued_.notify_one();
}

void RocksStore::run_committer() {
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  for (;;) {
    std::deque<std::unique_ptr<Pending>> group;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) return;
      group.swap(queue_);
    }
    drained_.notify_all();
    // One synced write for the whole group: every commit in it becomes durable together.
    rocksdb::WriteBatch merged;
    rocksdb::Status status;
    for (const auto& pending : group)
      for (const Pending::Op& op : pending->ops) {
        auto* family = families_[static_cast<std::size_t>(op.family)];
        status = op.value ? merged.Put(family, slice(op.key), slice(*op.value))
                          : merged.Delete(family, slice(op.key));
        if (!status.ok()) break;
      }
    if (status.ok()) status = db_->Write(write_options, &merged);
    synced_writes_.fetch_add(1);
    commits_.fetch_add(group.size());
    for (const auto& pending : group) {
      if (status.ok())
        pending->on_durable(Done{});
      else
        pending->on_durable(storage_error(status, "commit failed"));
    }
  }
}

Result<Done> RocksStore::commit_many(const std::vector<DossierCommit>& commits) {
  std::mutex mutex;
  std::condition_variable done;
  std::optional<Result<Done>> result;
  auto pending = std::make_unique<Pending>();
  for (const DossierCommit& commit : commits) append(pending->ops, commit);
  pending->on_durable = [&](Result<Done> outcome) {
    std::lock_guard lock(mutex);
    result = std::move(outcome);
    done.notify_one();
  };
  enqueue(std::move(pending));
  std::unique_lock lock(mutex);
  done.wait(lock, [&] { return result.has_value(); });
  return std::move(*result);
}

Result<std::optional<std::string>> RocksStore::get(Family family, const std::string& key) {
  std::string value;
  const rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), families_[static_cast<std::size_t>(family)], key, &value);
  if (status.IsNotFound()) return std::optional<std::string>{};
  if (!status.ok()) return storage_error(status, "read failed");
  return std::optional<std::string>{std::move(value)};
}

Result<std::optional<DossierState>> RocksStore::load_state(DossierId id) {
  auto bytes = get(Family::state, keys::dossier(id));
  if (!bytes) return bytes.error();
  if (!*bytes) return std::optional<DossierState>{};
  auto state = records::decode_state(**bytes);
  if (!state) return make_error("dossier " + std::to_string(id), state.error().message);
  return std::optional<DossierState>{std::move(*state)};
}

Result<std::vector<Event>> RocksStore::load_events(DossierId id, std::uint64_t from_seq,
                                                   std::size_t limit) {
  std::vector<Event> events;
  const std::string start = keys::event(id, from_seq);
  const std::string prefix = keys::dossier(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(
      rocksdb::ReadOptions(), families_[static_cast<std::size_t>(Family::events)]));
  for (it->Seek(start); it->Valid() && events.size() < limit; it->Next()) {
    if (!it->key().starts_with(prefix)) break;
    auto event = records::decode_event(it->value().ToStringView());
    if (!event) return make_error("dossier " + std::to_string(id), event.error().message);
    events.push_back(std::move(*event));
  }
  if (!it->status().ok()) return storage_error(it->status(), "reading history failed");
  return events;
}

Result<std::vector<TimerEntry>> RocksStore::scan_due_timers(std::uint16_t partition, Date up_to,
                                                            std::optional<TimerEntry> after,
                                                            std::size_t limit) {
  std::vector<TimerEntry> due;
  // Bounded to the due days: past them the iterator would step over tombstones for nothing.
  const std::string lower = keys::timer_partition_start(partition);
  const std::string upper = keys::timer(partition, day_number(up_to) + 1, 0);
  const rocksdb::Slice lower_bound(lower), upper_bound(upper);
  rocksdb::ReadOptions read;
  read.iterate_lower_bound = &lower_bound;
  read.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read, families_[static_cast<std::size_t>(Family::timers)]));
  if (after) {
    const std::string from = keys::timer(partition, day_number(after->due), after->id);
    it->Seek(from);
    if (it->Valid() && it->key().ToStringView() == from) it->Next();
  } else {
    it->Seek(lower);
  }
  for (; it->Valid() && due.size() < limit; it->Next()) {
    const auto key = keys::parse_timer(it->key().ToStringView());
    if (!key || key->partition != partition) break;
    if (key->day > day_number(up_to)) break;
    due.push_back(TimerEntry{Date{Days{key->day}}, key->id});
  }
  if (!it->status().ok()) return storage_error(it->status(), "reading timers failed");
  return due;
}

Result<std::optional<DossierId>> RocksStore::lookup_reference(const std::string& key) {
  auto value = get(Family::refs, key);
  if (!value) return value.error();
  if (!*value) return std::optional<DossierId>{};
  if ((*value)->size() != 8) return make_error("storage", "damaged reference record");
  return std::optional<DossierId>{keys::read_u64(**value, 0)};
}

Result<std::vector<std::pair<std::string, DossierId>>> RocksStore::scan_references(
    const std::string& prefix, std::size_t limit) {
  std::vector<std::pair<std::string, DossierId>> rows;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_[static_cast<std::size_t>(Family::refs)]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && rows.size() < limit;
       it->Next()) {
    if (it->value().size() != 8) return make_error("storage", "damaged reference record");
    rows.emplace_back(it->key().ToString(), keys::read_u64(it->value().ToStringView(), 0));
  }
  if (!it->status().ok()) return storage_error(it->status(), "reading references failed");
  return rows;
}

Result<std::optional<std::string>> RocksStore::lookup_idempotency(const std::string& key) {
  return get(Family::idempotency, key);
}

Result<std::vector<DossierState>> RocksStore::scan_states(DossierId after_id, std::size_t limit) {
  std::vector<DossierState> states;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_[static_cast<std::size_t>(Family::state)]));
  const std::string from = keys::dossier(after_id);
  for (it->Seek(from); it->Valid() && states.size() < limit; it->Next()) {
    if (it->key().ToStringView() == from) continue;
    auto state = records::decode_state(it->value().ToStringView());
    if (!state) return state.error();
    states.push_back(std::move(*state));
  }
  if (!it->status().ok()) return storage_error(it->status(), "reading dossiers failed");
  return states;
}

Result<std::optional<std::string>> RocksStore::get_meta(const std::string& key) {
  return get(Family::meta, key);
}

Result<Done> RocksStore::put_meta(const std::string& key, const std::string& value) {
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  const rocksdb::Status status =
      db_->Put(write_options, families_[static_cast<std::size_t>(Family::meta)], key, value);
  if (!status.ok()) return storage_error(status, "writing '" + key + "' failed");
  return Done{};
}

Result<std::vector<std::pair<std::string, std::string>>> RocksStore::scan_meta(
    const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_[static_cast<std::size_t>(Family::meta)]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    rows.emplace_back(it->key().ToString(), it->value().ToString());
  if (!it->status().ok()) return storage_error(it->status(), "reading settings failed");
  return rows;
}

void RocksStore::compact() {
  for (auto* handle : families_)
    db_->CompactRange(rocksdb::CompactRangeOptions(), handle, nullptr, nullptr);
}

std::uint64_t RocksStore::disk_bytes() const {
  std::uint64_t total = 0;
  for (auto* handle : families_) {
    std::uint64_t size = 0;
    db_->GetIntProperty(handle, "rocksdb.total-sst-files-size", &size);
    total += size;
  }
  return total;
}

}  // namespace pinc
