#pragma once
// The byte layout of pinc's RocksDB keys. Integers are fixed-width big-endian, so RocksDB's
// bytewise order is numeric order; a day number is stored with its sign bit flipped so that days
// before 1970 would still sort first (pinc's own dates are all later).
//
//   column family  key                                          value
//   state          id:u64                                       DossierState record
//   events         id:u64 seq:u64                               Event record
//   timers         partition:u16 day:i32 id:u64                 (empty)
//   refs           kind:u8 text                                 id:u64
//                    'P' payment reference                       (betalingskenmerk, RF)
//                    'I' creditor 0x00 invoice number
//                    'D' creditor 0x00 debtor reference
//                    'C' due:i32 id:u64                          an open call task, due first first
//   outbox         id:u64 seq:u64                               Effect record
//   idempotency    caller's key (text)                          the accepted input's answer
//   meta           name (text): "creditor/<id>", "clock", ...   small records
//
// A dossier's timers live in partition `timer_partition(id)`; a shard owns a set of partitions,
// so it scans only its own timers and the number of shards can change between runs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pinc::keys {

inline constexpr std::uint16_t kTimerPartitions = 256;
inline std::uint16_t timer_partition(std::uint64_t id) {
  return static_cast<std::uint16_t>(id % kTimerPartitions);
}

std::string dossier(std::uint64_t id);
std::string event(std::uint64_t id, std::uint64_t seq);
std::string timer(std::uint16_t partition, std::int32_t day, std::uint64_t id);
std::string timer_partition_start(std::uint16_t partition);
std::string outbox(std::uint64_t id, std::uint64_t seq);
std::string reference(char kind, std::string_view text);
std::string invoice_reference(std::string_view creditor, std::string_view invoice);
std::string debtor_reference(std::string_view creditor, std::string_view debtor_ref);
std::string payment_reference(std::string_view reference);
inline constexpr char kCallTaskPrefix[] = "C";
std::string call_task(std::int32_t due_day, std::uint64_t id);

std::uint64_t read_u64(std::string_view bytes, std::size_t at);
struct TimerKey {
  std::uint16_t partition;
  std::int32_t day;
  std::uint64_t id;
};
std::optional<TimerKey> parse_timer(std::string_view key);
std::string encode_id(std::uint64_t id);

}  // namespace pinc::keys
