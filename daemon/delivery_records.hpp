#pragma once
// Where one letter stands (the dispatch family's Delivery records, schema/pinc.capnp), as plain
// data for the dispatcher, and written into RPC answers for `pinc outbox list`.
#include <cstdint>
#include <string>
#include <string_view>

#include "keys.hpp"
#include "pinc.capnp.h"
#include "result.hpp"

namespace pinc {

struct DeliveryRecord {
  keys::Delivery key;
  enum class State : std::uint8_t { pending, sent, cancelled, failed } state = State::pending;
  std::uint32_t attempts = 0;
  std::int64_t next_attempt_ms = 0;  // wall clock: the next try is not before
  std::string last_error;
  std::int32_t sent_on = 0;  // the engine's day (0: not sent)
  std::string message_id;
  std::int32_t batch = 0;  // post: the day of its print batch
  std::string kind;
  std::string recipient;
};

std::string encode_delivery(const DeliveryRecord& record);
// A pending key's value (empty before the first attempt) read back with the key it sits under.
Result<DeliveryRecord> decode_delivery(std::string_view bytes, const keys::Delivery& key);
void write_delivery(schema::Delivery::Builder out, const DeliveryRecord& record);

}  // namespace pinc
