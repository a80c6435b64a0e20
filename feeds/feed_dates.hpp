#pragma once
// Dates as the formats write them (BANK-FEEDS.md 10): camt Dt (YYYY-MM-DD) or DtTm (a timestamp,
// with or without an offset, sometimes with nanoseconds), MT940 YYMMDD and the MMDD entry date
// that may fall in the year before or after its value date. Impossible dates (30 February) are
// refused, never rolled over.
#include <string_view>

#include "date.hpp"
#include "result.hpp"

namespace pinc::feeds {

// "2026-03-05", or "2026-03-05T10:15:00[.fff][Z|+01:00]". A timestamp with an offset is the day
// it is in Amsterdam (the bank's own day: 22:08 UTC on 31 March is 1 April); without an offset
// it is already local.
Result<Date> parse_camt_date(std::string_view text);

// YYMMDD with a pivot: 00-79 are 2000-2079, 80-99 are 1980-1999.
Result<Date> parse_yymmdd(std::string_view text);

// The MT940 entry date MMDD: the day with that month and day nearest to `value_date` (the year
// before, the same year or the year after).
Result<Date> entry_date_near(std::string_view mmdd, Date value_date);

}  // namespace pinc::feeds
