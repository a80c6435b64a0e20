#include "interest.hpp"

#include <toml++/toml.h>
#include <algorithm>

namespace pinc {

Result<InterestKind> parse_interest_kind(std::string_view text, std::string_view field) {
  if (text == "consumer") return InterestKind::consumer;
  if (text == "commercial") return InterestKind::commercial;
  return make_error(std::string(field), "unknown interest kind '" + std::string(text) +
                                            "' (expected consumer or commercial)");
}

namespace {

std::optional<Date> toml_date(const toml::node* node) {
  if (!node || !node->is_date()) return std::nullopt;
  const toml::date d = node->as_date()->get();
  const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{d.month},
                                        std::chrono::day{d.day}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

Result<std::vector<RatePeriod>> parse_rows(const toml::table& root, std::string_view key,
                                           const std::string& source) {
  const toml::array* rows = root[key].as_array();
  if (!rows || rows->empty()) return make_error(source, "no [[" + std::string(key) + "]] rows");
  std::vector<RatePeriod> periods;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string where =
        source + ": [[" + std::string(key) + "]] row " + std::to_string(i + 1);
    const toml::table* row = rows->get(i)->as_table();
    if (!row) return make_error(where, "is not a table");
    RatePeriod period;
    const auto from = toml_date(row->get("from"));
    if (!from) return make_error(where, "'from' must be a date such as 2026-01-01");
    period.from = *from;
    const auto rate_text = row->get("rate") ? row->get("rate")->value<std::string>() : std::nullopt;
    if (!rate_text) return make_error(where, "'rate' must be a decimal string such as \"10.15\"");
    const auto rate = parse_decimal_scaled(*rate_text, 2, "rate");
    if (!rate || *rate < 0 || *rate > 10000)
      return make_error(where, "'rate' \"" + *rate_text +
                                   "\" is not a percentage with at most "
                                   "two decimals");
    period.rate_hundredths = static_cast<std::int32_t>(*rate);
    if (const auto confidence =
            row->get("confidence") ? row->get("confidence")->value<std::string>() : std::nullopt)
      period.confidence = *confidence;
    if (!periods.empty() && period.from <= periods.back().from)
      return make_error(
          where, "'from' " + format_date(period.from) + " does not come after the row before");
    periods.push_back(std::move(period));
  }
  return periods;
}

// Exact interest of a stretch, in units of 1 / (365 x 10000) cent.
__int128 exact_interest(Cents principal_cents, std::int32_t rate_hundredths, int days) {
  return static_cast<__int128>(principal_cents) * rate_hundredths * days;
}
constexpr __int128 kExactPerCent = 365 * 10000;

Cents round_half_up(__int128 exact) {
  const __int128 magnitude = exact < 0 ? -exact : exact;
  const __int128 rounded = (magnitude * 2 + kExactPerCent) / (2 * kExactPerCent);
  return static_cast<Cents>(exact < 0 ? -rounded : rounded);
}

}  // namespace

Result<RateTable> parse_rate_table(std::string_view toml_text, std::string_view source_name) {
  const std::string source{source_name};
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return make_error(source, "line " + std::to_string(error.source().begin.line) + ", column " +
                                  std::to_string(error.source().begin.column) + ": " +
                                  std::string(error.description()));
  }
  RateTable table;
  const auto name = root["name"].value<std::string>();
  if (!name || name->empty()) return make_error(source, "'name' is missing");
  table.name = *name;
  const auto known_until = toml_date(root.get("known_until"));
  if (!known_until) return make_error(source, "'known_until' must be a date");
  table.known_until = *known_until;
  auto consumer = parse_rows(root, "consumer", source);
  if (!consumer) return consumer.error();
  auto commercial = parse_rows(root, "commercial", source);
  if (!commercial) return commercial.error();
  table.consumer = std::move(*consumer);
  table.commercial = std::move(*commercial);
  for (const auto* rows : {&table.consumer, &table.commercial})
    if (rows->back().from > table.known_until)
      return make_error(source, "'known_until' " + format_date(table.known_until) +
                                    " is before the last row's date " +
                                    format_date(rows->back().from));
  return table;
}

Result<InterestResult> statutory_interest(const RateTable& table, InterestKind kind,
                                          Cents principal_cents, Date first_day, Date last_day,
                                          bool compound) {
  InterestResult result;
  result.table_name = table.name;
  result.principal_cents = principal_cents;
  result.total_cents = principal_cents;
  if (principal_cents < 0) return make_error("principal", "cannot be negative");
  if (last_day < first_day) return result;
  const std::vector<RatePeriod>& rates = table.rates(kind);
  if (first_day < rates.front().from)
    return make_error("from", "no statutory rate known for " + format_date(first_day) +
                                  " in table '" + table.name + "' (it starts " +
                                  format_date(rates.front().from) + ")");
  if (last_day > table.known_until)
    return make_error("until", "no statutory rate known for " +
                                   format_date(table.known_until + Days{1}) + " in table '" +
                                   table.name + "'; extend the rate table (--rates FILE)");

  Cents base = principal_cents;
  for (int year = 0;; ++year) {
    const Date year_from = add_years_clamped(first_day, year);
    if (year_from > last_day) break;
    const Date anniversary = add_years_clamped(first_day, year + 1);
    const Date year_to = std::min(anniversary - Days{1}, last_day);
    __int128 year_exact = 0;
    // Split the interest-year at every rate change inside it (art. 6:120 lid 1 BW).
    Date from = year_from;
    while (from <= year_to) {
      auto current = std::upper_bound(rates.begin(), rates.end(), from,
                                      [](Date d, const RatePeriod& p) { return d < p.from; });
      --current;  // the row in force on `from`
      const auto next = current + 1;
      const Date to = next != rates.end() ? std::min(year_to, next->from - Days{1}) : year_to;
      const int days = days_between(from, to) + 1;
      const __int128 exact = exact_interest(base, current->rate_hundredths, days);
      year_exact += exact;
      result.periods.push_back(
          InterestPeriod{from, to, current->rate_hundredths, days, base, round_half_up(exact)});
      from = to + Days{1};
    }
    const Cents year_interest = round_half_up(year_exact);
    const bool completed = year_to == anniversary - Days{1};
    const bool capitalised = compound && completed && year_to < last_day;
    result.years.push_back(InterestYear{year_from, year_to, year_interest, capitalised});
    result.interest_cents += year_interest;
    if (capitalised) base += year_interest;
  }
  result.total_cents = principal_cents + result.interest_cents;
  return result;
}

}  // namespace pinc
