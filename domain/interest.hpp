#pragma once
// Statutory interest (NL-RULES 3): non-commercial (art. 6:119 BW) and commercial (art. 6:119a BW)
// over rate tables that are data, never code: a table is parsed from TOML text (the caller reads
// the file) and named in every result. Days outside a table are refused, never guessed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "money.hpp"
#include "result.hpp"

namespace pinc {

enum class InterestKind : std::uint8_t { consumer, commercial };
Result<InterestKind> parse_interest_kind(std::string_view text, std::string_view field);

struct RatePeriod {
  Date from{};
  std::int32_t rate_hundredths = 0;  // 10.15% -> 1015
  std::string confidence;
};

struct RateTable {
  std::string name;
  Date known_until{};  // the last day every rate is known
  std::vector<RatePeriod> consumer, commercial;
  const std::vector<RatePeriod>& rates(InterestKind kind) const {
    return kind == InterestKind::consumer ? consumer : commercial;
  }
};

// The format is that of data/interest-rates.toml; errors name the source, the row and the problem.
Result<RateTable> parse_rate_table(std::string_view toml_text, std::string_view source_name);

struct InterestPeriod {  // a stretch at one rate and one principal
  Date from{}, to{};
  std::int32_t rate_hundredths = 0;
  int days = 0;
  Cents principal_cents = 0;
  Cents interest_cents = 0;  // this stretch alone, rounded half-up, for display
};

struct InterestYear {
  Date from{}, to{};
  Cents interest_cents = 0;  // rounded half-up (NL-RULES 3.4 step 4)
  bool capitalised = false;  // added to the principal at the anniversary
};

struct InterestResult {
  std::string table_name;
  Cents principal_cents = 0;
  Cents interest_cents = 0;
  Cents total_cents = 0;
  std::vector<InterestPeriod> periods;
  std::vector<InterestYear> years;
};

// Interest from first_day to last_day inclusive, by the canonical computation of NL-RULES 3.4:
// interest-years from first_day, split at rate changes (art. 6:120 lid 1), ACT/365 kept exact,
// each interest-year rounded half-up, and capitalised at its anniversary when compounding
// (art. 6:119 lid 2, 6:119a lid 3). last_day before first_day gives zero interest.
Result<InterestResult> statutory_interest(const RateTable& table, InterestKind kind,
                                          Cents principal_cents, Date first_day, Date last_day,
                                          bool compound = true);

}  // namespace pinc
