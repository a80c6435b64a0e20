#pragma once
// Money as integer euro cents. Never floating point: amounts are parsed from text digit by digit,
// and percentages are applied as exact ratios with one half-up rounding.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "result.hpp"

namespace pinc {

using Cents = std::int64_t;

// Accepts "1.234,56", "1234,56", "1234.56", "1234", "12,5" (= 12,50), with optional spaces and a
// leading "€" or "EUR". Refuses, naming `field`: empty text, stray characters, a part below one
// cent, misplaced thousands separators, the ambiguous "1.234", overflow, and negatives unless
// allowed.
Result<Cents> parse_amount(std::string_view text, std::string_view field = "amount",
                           bool allow_negative = false);

// A plain decimal ("10.15", "21", "8,5") as an integer scaled by 10^scale ("10.15", 2 -> 1015).
Result<std::int64_t> parse_decimal_scaled(std::string_view text, int scale, std::string_view field);

std::string format_cents_dutch(Cents cents);  // "1.234,56", "-0,05"
std::string format_cents_plain(Cents cents);  // "1234.56", "-0.05"
std::string format_euro_dutch(Cents cents);   // "€ 1.234,56"

std::optional<Cents> checked_add(Cents a, Cents b);
std::optional<Cents> checked_sub(Cents a, Cents b);
std::optional<Cents> checked_mul(Cents a, std::int64_t factor);

// amount x numerator / denominator, exact, rounded half-up (away from zero) to whole cents.
// Requires denominator > 0.
Cents multiply_ratio_half_up(Cents amount, std::int64_t numerator, std::int64_t denominator);

}  // namespace pinc
