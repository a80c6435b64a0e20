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
//                    'N' name 0x00 id:u64                        the debtor's normalized name
//                    'A' iban 0x00 id:u64                        an IBAN that paid the dossier
//   outbox         id:u64 seq:u64                               Effect record
//   dispatch       "p/" due:i32 id:u64 seq:u64 route:u8              a letter to send (Delivery
//   record, or
//                                                                 empty before the first attempt)
//                  "d/" id:u64 seq:u64 route:u8                  Delivery record: sent or cancelled
//                  "f/" id:u64 seq:u64 route:u8                  Delivery record: given up (dead
//                  letter) "b/" day:i32                                  PrintBatch record: a day's
//                  post, cut
//   idempotency    caller's key (text)                          the accepted input's answer
//   meta           name (text): "creditor/<id>", "clock", ...   small records
//   bank           "tx/" transaction key                        what became of a bank transaction:
//                                                                 "a:<dossier>" applied,
//                                                                 "q:<seq>" queued, "i:<seq>"
//                                                                 ignored
//                  "q/" seq:u64                                  an unmatched payment (record)
//                  "x/" seq:u64                                  one an operator set aside
//                  "t/" token 0x00 seq:u64                       a queued payment's reference words
//                  "e/" account 0x00 end-to-end id 0x00 cents:u64  "<dossier> <payment id>"
//                  (returns)
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
std::string debtor_name_prefix(std::string_view normalized_name);  // 'N' name 0x00
std::string debtor_name(std::string_view normalized_name, std::uint64_t id);
std::string payer_iban_prefix(std::string_view iban);  // 'A' iban 0x00
std::string payer_iban(std::string_view iban, std::uint64_t id);

// The bank family (see above).
std::string bank_transaction(std::string_view transaction_key);
inline constexpr char kUnmatchedPrefix[] = "q/";
std::string unmatched(std::uint64_t seq);
inline constexpr char kIgnoredPrefix[] = "x/";
std::string ignored_payment(std::uint64_t seq);
std::string unmatched_token_prefix(std::string_view token);  // "t/" token 0x00
std::string unmatched_token(std::string_view token, std::uint64_t seq);
std::string end_to_end(std::string_view account, std::string_view end_to_end_id,
                       std::int64_t cents);

// One letter of one effect on one route: what the dispatcher carries out exactly once.
enum class Route : char {
  email = 'e',            // to the debtor's e-mail address
  post = 'p',             // in the day's print batch, to the debtor's address
  creditor_notice = 'h',  // the hand-over notice to the creditor (e-mail if known, else post)
};
struct Delivery {
  std::int32_t due_day = 0;  // the day it may go out (a working day for debtor letters)
  std::uint64_t id = 0;
  std::uint64_t seq = 0;  // the effect's
  Route route = Route::email;
  friend bool operator==(const Delivery&, const Delivery&) = default;
};
inline constexpr char kPendingDeliveryPrefix[] = "p/";
inline constexpr char kDoneDeliveryPrefix[] = "d/";
inline constexpr char kFailedDeliveryPrefix[] = "f/";
inline constexpr char kPrintBatchPrefix[] = "b/";
std::string pending_delivery(const Delivery& delivery);
std::string pending_delivery_until(std::int32_t day);  // every pending key due on or before `day`
std::string done_delivery(const Delivery& delivery);
std::string failed_delivery(const Delivery& delivery);
std::string done_deliveries_of(std::uint64_t id);                      // "d/" id: prefix
std::string failed_deliveries_of(std::uint64_t id);                    // "f/" id: prefix
std::optional<Delivery> parse_settled_delivery(std::string_view key);  // "d/..." or "f/..."
std::string print_batch(std::int32_t day);
std::optional<Delivery> parse_pending_delivery(std::string_view key);
// The delivery's name for operators: "<dossier>-<seq>-<route>" (route: email, post, notice).
std::string delivery_name(const Delivery& delivery);
std::optional<Delivery> parse_delivery_name(std::string_view name);  // due_day left 0
std::string_view route_name(Route route);

std::uint64_t read_u64(std::string_view bytes, std::size_t at);
struct TimerKey {
  std::uint16_t partition;
  std::int32_t day;
  std::uint64_t id;
};
std::optional<TimerKey> parse_timer(std::string_view key);
std::string encode_id(std::uint64_t id);

}  // namespace pinc::keys
