#include "faulty_store.hpp"

namespace pinc {

std::optional<FaultyStore::Fault> FaultyStore::take_fault() {
  int left = failures_left_.load();
  while (left > 0)
    if (failures_left_.compare_exchange_weak(left, left - 1)) return fault_.load();
  return std::nullopt;
}

Error FaultyStore::fault_error(Fault fault) const {
  switch (fault) {
    case Fault::io_error:
      return make_error("storage", "commit failed: IO error (injected)");
    case Fault::disk_full:
      return make_error("storage", "commit failed: the disk is full (injected)");
    case Fault::lost_acknowledgement:
      return make_error("storage", "commit outcome unknown: acknowledgement lost (injected)");
  }
  return make_error("storage", "injected fault");
}

#define PINC_READ_FAULT() \
  if (fail_reads_) return make_error("storage", "read failed: IO error (injected)")

Result<std::optional<DossierState>> FaultyStore::load_state(DossierId id) {
  PINC_READ_FAULT();
  return inner_.load_state(id);
}
Result<std::vector<Event>> FaultyStore::load_events(DossierId id, std::uint64_t from_seq,
                                                    std::size_t limit) {
  PINC_READ_FAULT();
  return inner_.load_events(id, from_seq, limit);
}

void FaultyStore::commit_async(const DossierCommit& commit,
                               std::function<void(Result<Done>)> on_durable) {
  const auto fault = take_fault();
  if (!fault) return inner_.commit_async(commit, std::move(on_durable));
  if (*fault != Fault::lost_acknowledgement) return on_durable(fault_error(*fault));
  inner_.commit_async(commit, [this, on_durable = std::move(on_durable)](Result<Done>) {
    on_durable(fault_error(Fault::lost_acknowledgement));
  });
}

Result<Done> FaultyStore::commit_many(const std::vector<DossierCommit>& commits) {
  const auto fault = take_fault();
  if (!fault) return inner_.commit_many(commits);
  if (*fault == Fault::lost_acknowledgement) (void)inner_.commit_many(commits);
  return fault_error(*fault);
}

Result<std::optional<std::string>> FaultyStore::get(Family family, const std::string& key) {
  PINC_READ_FAULT();
  return inner_.get(family, key);
}
Result<std::vector<std::pair<std::string, std::string>>> FaultyStore::scan(
    Family family, const std::string& prefix, const std::string& start_after, std::size_t limit) {
  PINC_READ_FAULT();
  return inner_.scan(family, prefix, start_after, limit);
}
Result<Done> FaultyStore::write(const std::vector<Write>& writes) {
  if (const auto fault = take_fault()) {
    if (*fault == Fault::lost_acknowledgement) (void)inner_.write(writes);
    return fault_error(*fault);
  }
  return inner_.write(writes);
}

Result<std::vector<TimerEntry>> FaultyStore::scan_due_timers(std::uint16_t partition, Date up_to,
                                                             std::optional<TimerEntry> after,
                                                             std::size_t limit) {
  PINC_READ_FAULT();
  return inner_.scan_due_timers(partition, up_to, after, limit);
}
Result<std::optional<DossierId>> FaultyStore::lookup_reference(const std::string& key) {
  PINC_READ_FAULT();
  return inner_.lookup_reference(key);
}
Result<std::vector<std::pair<std::string, DossierId>>> FaultyStore::scan_references(
    const std::string& prefix, std::size_t limit) {
  PINC_READ_FAULT();
  return inner_.scan_references(prefix, limit);
}
Result<std::optional<std::string>> FaultyStore::lookup_idempotency(const std::string& key) {
  PINC_READ_FAULT();
  return inner_.lookup_idempotency(key);
}
Result<std::vector<DossierState>> FaultyStore::scan_states(DossierId after_id, std::size_t limit) {
  PINC_READ_FAULT();
  return inner_.scan_states(after_id, limit);
}
Result<std::optional<std::string>> FaultyStore::get_meta(const std::string& key) {
  PINC_READ_FAULT();
  return inner_.get_meta(key);
}
Result<Done> FaultyStore::put_meta(const std::string& key, const std::string& value) {
  if (const auto fault = take_fault()) return fault_error(*fault);
  return inner_.put_meta(key, value);
}
Result<std::vector<std::pair<std::string, std::string>>> FaultyStore::scan_meta(
    const std::string& prefix) {
  PINC_READ_FAULT();
  return inner_.scan_meta(prefix);
}

}  // namespace pinc
