#pragma once
// Domain values <-> the stored records of schema/pinc.capnp, as bytes (packed Cap'n Proto).
// Decoding checks what it reads: a damaged record comes back as an Error, never as a crash or a
// half-filled value.
#include <string>
#include <string_view>

#include "dossier.hpp"
#include "result.hpp"

namespace pinc::records {

std::string encode_state(const DossierState& state);
Result<DossierState> decode_state(std::string_view bytes);

std::string encode_event(const Event& event);
Result<Event> decode_event(std::string_view bytes);

std::string encode_effect(DossierId dossier, const Effect& effect);
struct StoredEffect {
  DossierId dossier = 0;
  Effect effect;
  std::uint32_t attempts = 0;
  enum class State : std::uint8_t { pending, done, failed } state = State::pending;
  std::string last_error;
};
Result<StoredEffect> decode_effect(std::string_view bytes);
std::string encode_stored_effect(const StoredEffect& stored);

// A creditor (meta family, key "creditor/<id>").
struct CreditorRecord {
  std::string id, name, iban;
  std::string strategy_name = "default";
  std::string strategy_toml;                // empty: the default strategy
  std::int32_t vat_percent_hundredths = 0;  // > 0: statutory costs raised by VAT
  std::string email;                        // hand-over notices; by post when empty
  Address address;
  Cents business_admin_costs_cents = 0;  // for the first letter to a business debtor
};
std::string encode_creditor(const CreditorRecord& creditor);
Result<CreditorRecord> decode_creditor(std::string_view bytes);

}  // namespace pinc::records
