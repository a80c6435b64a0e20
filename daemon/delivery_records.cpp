#include "delivery_records.hpp"

#include <kj/exception.h>

#include "records_capnp.hpp"

namespace pinc {

void write_delivery(schema::Delivery::Builder out, const DeliveryRecord& record) {
  out.setDossier(record.key.id);
  out.setSeq(record.key.seq);
  out.setRoute(std::string(keys::route_name(record.key.route)));
  out.setDue(record.key.due_day);
  out.setState(static_cast<schema::DeliveryState>(record.state));
  out.setAttempts(record.attempts);
  out.setNextAttemptMs(record.next_attempt_ms);
  out.setLastError(record.last_error);
  out.setSentOn(record.sent_on);
  out.setMessageId(record.message_id);
  out.setBatch(record.batch);
  out.setKind(record.kind);
  out.setRecipient(record.recipient);
  out.setName(keys::delivery_name(record.key));
}

std::string encode_delivery(const DeliveryRecord& record) {
  capnp::MallocMessageBuilder message;
  write_delivery(message.initRoot<schema::Delivery>(), record);
  return records::to_packed(message);
}

Result<DeliveryRecord> decode_delivery(std::string_view bytes, const keys::Delivery& key) {
  DeliveryRecord record;
  record.key = key;
  if (bytes.empty()) return record;
  try {
    records::PackedRecord stored(bytes);
    auto in = stored.root<schema::Delivery>();
    if (static_cast<unsigned>(in.getState()) > 3)
      return make_error("delivery", "damaged record: unknown state");
    record.key.due_day = in.getDue();
    record.state = static_cast<DeliveryRecord::State>(in.getState());
    record.attempts = in.getAttempts();
    record.next_attempt_ms = in.getNextAttemptMs();
    record.last_error = in.getLastError().cStr();
    record.sent_on = in.getSentOn();
    record.message_id = in.getMessageId().cStr();
    record.batch = in.getBatch();
    record.kind = in.getKind().cStr();
    record.recipient = in.getRecipient().cStr();
  } catch (const kj::Exception& damage) {
    return make_error("delivery", std::string("damaged record: ") + damage.getDescription().cStr());
  }
  return record;
}

}  // namespace pinc
