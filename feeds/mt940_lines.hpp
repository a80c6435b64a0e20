#pragma once
// The fixed-layout MT940/MT942 fields (BANK-FEEDS.md 7): the balances (:60F:, :62F:, ...), the
// statement line :61:, the MT942 floor limit :34F: and totals :90D:/:90C:, and the account :25:.
// Each parser returns the field's parts or an Error message for the reader to place.
#include <optional>
#include <string>
#include <string_view>

#include "date.hpp"
#include "money.hpp"
#include "result.hpp"

namespace pinc::feeds {

struct Balance {
  Cents signed_cents = 0;  // a debit balance is negative
  std::string currency;
  Date date{};
  bool extra_zero_decimals = false;
};
// "C140102EUR1000,00" (legacy Rabobank also "C030106EUR000000000000.00").
Result<Balance> parse_balance(std::string_view text);

struct StatementLine {
  Date value_date{};
  std::optional<Date> entry_date;
  bool credit = true;     // C, or RD (a reversed debit gives money back)
  bool reversal = false;  // RC or RD
  Cents amount = 0;
  bool extra_zero_decimals = false;
  std::string type;                // "NTRF", "N654", "NOV ", "MCI0"
  std::string customer_reference;  // may be empty (and then merits a warning)
  std::string bank_reference;      // after "//"
};
// The first line of a :61: (its supplementary second line is the reader's business).
Result<StatementLine> parse_statement_line(std::string_view text);

// :34F: "EUR0,00", "EURD0,00", "PLN0": the currency is what we need.
Result<std::string> parse_floor_limit_currency(std::string_view text);

struct DeclaredTotal {
  std::uint64_t count = 0;
  std::string currency;
  Cents amount = 0;
};
// :90D: / :90C: "3PLN0,03".
Result<DeclaredTotal> parse_declared_total(std::string_view text);

// :25: as an account: trailing currency (" EUR", "EUR") and spaces removed, upper-case.
std::string normalize_account(std::string_view text);

}  // namespace pinc::feeds
