#pragma once
// A Store that forwards to another and fails on demand, for tests of what the layers above do
// when storage fails: refused commits (I/O error, full disk) that leave nothing behind, and
// commits that are written but whose acknowledgement is lost (as when the process dies between
// the sync and the reply). Thread-safe.
#include <atomic>
#include <memory>

#include "store.hpp"

namespace pinc {

class FaultyStore final : public Store {
 public:
  explicit FaultyStore(Store& inner) : inner_(inner) {}

  enum class Fault : std::uint8_t { io_error, disk_full, lost_acknowledgement };
  // The next `count` commits (and commit_many calls) fail with `fault`.
  void fail_next_commits(int count, Fault fault) {
    fault_ = fault;
    failures_left_ = count;
  }
  // Every read fails while set.
  void fail_reads(bool fail) { fail_reads_ = fail; }

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

 private:
  std::optional<Fault> take_fault();
  Error fault_error(Fault fault) const;

  Store& inner_;
  std::atomic<int> failures_left_{0};
  std::atomic<Fault> fault_{Fault::io_error};
  std::atomic<bool> fail_reads_{false};
};

}  // namespace pinc
