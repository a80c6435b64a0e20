#pragma once
// Text helpers the readers share: spacing, wrapped lines, account and reference normalization, and
// finding a payment reference in free text (BANK-FEEDS.md 3 and 13).
#include <string>
#include <string_view>
#include <vector>

namespace pinc::feeds {

std::string_view trim(std::string_view text);
// Runs of white space made one space, and none at either end.
std::string collapse_spaces(std::string_view text);
// No spaces, upper-case: IBANs, account numbers and references compare as banks mean them.
std::string normalize_code(std::string_view text);

bool looks_like_iban(std::string_view token);  // the shape only: CC99 and 8..30 letters/digits
bool looks_like_bic(std::string_view token);   // AAAABBCC or AAAABBCCDDD

// Physical lines of one field, joined the way the bank wrapped them: a line that reached the wrap
// width (65 for MT940, 140 for camt Ustrd) was cut in the middle of a word and continues
// directly; a shorter one ended where the writer ended it, so a space goes between.
struct WrappedLine {
  std::string text;
  std::size_t width = 0;  // the physical length, counting a tag in front of the first line
};
std::string join_wrapped(const std::vector<WrappedLine>& lines, std::size_t wrap_width);

// A Dutch betalingskenmerk or an RF creditor reference inside free text, normalized, or empty:
// after "BETALINGSKENM." / "BETALINGSKENMERK", after "CUR ... REF:" (ABN AMRO's acceptgiro), after
// "KENMERK:" when the digits pass the check, or a token "RF.." that passes ISO 11649.
std::string find_structured_reference(std::string_view text);

// A structured creditor reference as given (camt Strd/CdtrRefInf/Ref, MT940 /REMI/STRD/):
// a betalingskenmerk as its digits, anything else without spaces and upper-cased.
std::string normalize_reference(std::string_view text);

}  // namespace pinc::feeds
