#include "dossier_input.hpp"

#include <array>
#include <charconv>

namespace pinc {

namespace {
constexpr std::array<std::string_view, 6> kOutcomeNames = {
    "reached", "promise", "arrangement_asked", "dispute", "no_answer", "wrong_number"};
constexpr std::array<std::string_view, std::variant_size_v<InputPayload>> kInputNames = {
    "open",    "add_invoice", "timer", "pay",    "reverse",  "call_log", "promise", "arrange",
    "dispute", "resolve",     "pause", "resume", "withdraw", "writeoff", "note",    "letter_sent"};
}  // namespace

std::string_view to_string(CallOutcome outcome) {
  return kOutcomeNames[static_cast<std::size_t>(outcome)];
}

Result<CallOutcome> parse_call_outcome(std::string_view text, std::string_view field) {
  for (std::size_t i = 0; i < kOutcomeNames.size(); ++i)
    if (kOutcomeNames[i] == text) return static_cast<CallOutcome>(i);
  return make_error(std::string(field), "unknown call outcome '" + std::string(text) +
                                            "' (expected reached, promise, arrangement_asked, "
                                            "dispute, no_answer or wrong_number)");
}

std::string_view input_name(const InputPayload& payload) {
  return kInputNames[payload.index()];
}

Result<Interval> parse_interval(std::string_view text, std::string_view field) {
  const auto refuse = [&] {
    return make_error(std::string(field), "'" + std::string(text) +
                                              "' is not an interval (expected a count and a "
                                              "unit: 14d, 2w or 1m)");
  };
  if (text.size() < 2) return refuse();
  Interval interval;
  const char unit = text.back();
  if (unit == 'd')
    interval.unit = Interval::Unit::day;
  else if (unit == 'w')
    interval.unit = Interval::Unit::week;
  else if (unit == 'm')
    interval.unit = Interval::Unit::month;
  else
    return refuse();
  const std::string_view digits = text.substr(0, text.size() - 1);
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), interval.count);
  if (error != std::errc{} || end != digits.data() + digits.size() || interval.count < 1 ||
      interval.count > 366)
    return refuse();
  return interval;
}

Date add_interval(Date date, const Interval& interval, int times) {
  const int count = interval.count * times;
  switch (interval.unit) {
    case Interval::Unit::day:
      return date + Days{count};
    case Interval::Unit::week:
      return date + Days{7 * count};
    case Interval::Unit::month: {
      // The same day of a later month; the 31st becomes the last day of a shorter month.
      std::chrono::year_month_day ymd{date};
      std::chrono::year_month_day moved = ymd + std::chrono::months{count};
      if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
      return Date{moved};
    }
  }
  return date;
}

}  // namespace pinc
