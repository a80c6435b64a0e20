#pragma once
// The Dutch calendar of the law (NL-RULES 2.3, 2.4, 4): public holidays, working days, the
// Algemene termijnenwet, presumed receipt of a letter, and the term a final notice gives.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "result.hpp"

namespace pinc {

enum class Channel : std::uint8_t { post, email };
enum class DebtorKind : std::uint8_t { consumer, business };
std::string_view to_string(Channel channel);
std::string_view to_string(DebtorKind kind);
Result<Channel> parse_channel(std::string_view text, std::string_view field);
Result<DebtorKind> parse_debtor_kind(std::string_view text, std::string_view field);

// Gregorian Easter Sunday (Meeus-Jones-Butcher, NL-RULES 4.2).
Date easter_sunday(int year);

// Holidays of Atw art. 3 (NL-RULES 4.2), Good Friday included, plus days equated to them by decree
// (Atw art. 3 lid 3), which are data: given at construction. Immutable; safe to share.
class Calendar {
 public:
  explicit Calendar(std::vector<Date> extra_holidays = {});

  std::optional<std::string_view> holiday_name(Date date) const;
  bool is_holiday(Date date) const { return holiday_name(date).has_value(); }
  bool is_weekend(Date date) const;
  bool is_working_day(Date date) const { return !is_weekend(date) && !is_holiday(date); }

  Date working_day_on_or_after(Date date) const;      // "moved to a working day"
  Date next_working_day_after(Date date) const;       // the first working day strictly after
  Date add_working_days(Date date, int count) const;  // the count-th working day after (count >= 1)

  // Algemene termijnenwet: art. 1 lid 1 moves a last day on Saturday, Sunday or a holiday to the
  // next day that is none of these; art. 2 extends a term of 3 days or more until it holds at
  // least two such days.
  Date atw_extend(Date term_first, Date term_last) const;

  // NL-RULES 2.3: by post the 2nd day after dispatch, where Sundays, Mondays and holidays count
  // neither as an intermediate day nor as the day of delivery (HR 25-11-2016); by e-mail the same
  // day.
  Date presumed_receipt(Date sent, Channel channel) const;

 private:
  std::vector<Date> extra_holidays_;
};

// NL-RULES 2.4: a term of term_days from the day after the (latest) presumed receipt.
struct Term {
  Date sent{};
  Date receipt{};         // the later receipt when sent on several channels
  Date first_day{};       // receipt + 1
  Date last_day_plain{};  // receipt + term_days
  Date last_day{};        // after the Atw extension, when applied
  Date costs_from{};      // last_day + 1: the first day statutory costs may be charged
  int term_days = 14;
  friend bool operator==(const Term&, const Term&) = default;
};

Term statutory_term(const Calendar& calendar, Date sent, std::span<const Channel> channels,
                    int term_days = 14, bool apply_atw = true);
// The same term counted from a given presumed receipt.
Term term_from_receipt(const Calendar& calendar, Date sent, Date receipt, int term_days = 14,
                       bool apply_atw = true);

}  // namespace pinc
