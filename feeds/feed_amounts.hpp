#pragma once
// Amounts as banks write them (BANK-FEEDS.md 10), read digit by digit into integer cents, never
// through a binary floating point: camt "474.4", "2700", "000000000000087.71", "18.150"; MT940
// "2,", "0,3", "000000000127,50" and legacy Rabobank "000000000300.00".
#include <string_view>

#include "money.hpp"
#include "result.hpp"

namespace pinc::feeds {

struct ParsedAmount {
  Cents cents = 0;
  // Written with more than two decimals that are all zeros ("18.150"): whole cents, but worth a
  // warning, since a bank that pads decimals may one day fill them.
  bool extra_zero_decimals = false;
};

// Digits with at most one decimal separator, which must be one of `separators` (".", or ",." for
// MT940). Refuses, with a message for the caller to place: empty text, a sign, stray characters,
// a part below one cent ("12.345"), and amounts of 10^13 or more (no bank statement holds them).
Result<ParsedAmount> parse_feed_amount(std::string_view text, std::string_view separators);

}  // namespace pinc::feeds
