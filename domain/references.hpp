#pragma once
// Payment references and accounts (NL-RULES 5): the Dutch betalingskenmerk, the ISO 11649 RF
// creditor reference and the IBAN (ISO 13616). Generators for what pinc issues, validators for
// what it reads. Incoming payments are never refused for a reference that fails its check (5.1).
#include <cstdint>
#include <string>
#include <string_view>

#include "result.hpp"

namespace pinc {

// 7, 9-14 or 16 digits (spaces allowed) whose check digit matches (NL-RULES 5.1).
bool is_valid_betalingskenmerk(std::string_view text);
// 16 digits: the check digit and `number` zero-padded to 15 digits. Requires number < 10^15.
std::string make_betalingskenmerk(std::uint64_t number);
// A payload of 7 digits gives 9 (C + L + N); 8-12 digits give 10-14; 15 digits give 16.
Result<std::string> make_betalingskenmerk_from_digits(std::string_view payload_digits);
std::string group_betalingskenmerk(std::string_view digits);  // "5000 0567 8901 2345"

// "RF" + 2 check digits + 1..21 letters or digits (spaces allowed, any case) (NL-RULES 5.2).
bool is_valid_rf_reference(std::string_view text);
Result<std::string> make_rf_reference(std::string_view reference);

// Strips spaces, uppercases, and checks country, length, characters and mod 97-10 (NL-RULES 5.3).
Result<std::string> normalize_iban(std::string_view text, std::string_view field = "iban");
bool is_valid_iban(std::string_view text);
std::string format_iban_grouped(std::string_view iban);  // "NL91 ABNA 0417 1643 00"

}  // namespace pinc
