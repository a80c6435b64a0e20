#pragma once
// Writing domain values straight into Cap'n Proto builders, for the RPC layer that sends stored
// records to clients (pinc show). Includes the generated schema header: keep it out of headers
// that do not need it.
#include <capnp/serialize-packed.h>
#include <kj/io.h>

#include <string>
#include <string_view>

#include "dossier.hpp"
#include "pinc.capnp.h"
#include "records.hpp"

namespace pinc::records {

// The store's framing of every record: a packed Cap'n Proto message.
std::string to_packed(capnp::MessageBuilder& message);

// A stored record read back; readers taken from it live as long as it does. Damage makes
// Cap'n Proto throw a kj::Exception.
class PackedRecord {
 public:
  explicit PackedRecord(std::string_view bytes)
      : in_(kj::arrayPtr(reinterpret_cast<const kj::byte*>(bytes.data()), bytes.size())),
        reader_(in_) {}
  template <class Root>
  typename Root::Reader root() {
    return reader_.getRoot<Root>();
  }

 private:
  kj::ArrayInputStream in_;
  capnp::PackedMessageReader reader_;
};

void write_state(schema::DossierState::Builder out, const DossierState& state);
// A creditor, the same on disk and on the wire (pinc creditor add/show).
void write_creditor(schema::Creditor::Builder out, const CreditorRecord& creditor);
CreditorRecord read_creditor(schema::Creditor::Reader in);
void write_event(schema::Event::Builder out, const Event& event);

}  // namespace pinc::records
