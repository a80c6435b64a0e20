// Rules of NL-RULES 1 and 3 beyond the vectors: band edges, refusals, rate tables as data, and the
// order of art. 6:43 BW across invoices.
#include <catch2/catch.hpp>

#include "allocation.hpp"
#include "builtin_rates.hpp"
#include "collection_costs.hpp"
#include "interest.hpp"

using namespace pinc;

namespace {
const RateTable& builtin() {
  static const RateTable table = parse_rate_table(builtin_interest_rates(), "built-in").value();
  return table;
}
}  // namespace

TEST_CASE("the band scale, its minimum and maximum (Besluit BIK art. 2 lid 1-2, NL-RULES 1.2)",
          "[costs]") {
  CHECK(statutory_costs_for_basis(1) == 4000);
  CHECK(statutory_costs_for_basis(0) == 0);
  CHECK(statutory_costs_for_basis(-100) == 0);
  CHECK(statutory_costs_for_basis(250000) == 37500);
  CHECK(statutory_costs_for_basis(500000) == 62500);
  CHECK(statutory_costs_for_basis(1000000) == 87500);
  CHECK(statutory_costs_for_basis(20000000) == 277500);
  CHECK(statutory_costs_for_basis(100000000) == 677500);
  CHECK(statutory_costs_for_basis(INT64_MAX / 4) == 677500);
}

TEST_CASE("claims are refused with the claim named (NL-RULES 1.3)", "[costs]") {
  const Cents bad[] = {1000, -1};
  const auto result = statutory_collection_costs(bad);
  REQUIRE_FALSE(result);
  CHECK(result.error().field == "claim 2");
  CHECK_FALSE(statutory_collection_costs({}));
}

TEST_CASE("the shipped rate table names itself and ends where the rates are known (NL-RULES 3.2)",
          "[interest]") {
  const RateTable& table = builtin();
  CHECK(table.known_until == make_date(2026, 6, 30));
  CHECK(table.consumer.back().from == make_date(2026, 1, 1));
  CHECK(table.consumer.back().rate_hundredths == 400);
  CHECK(table.commercial.back().rate_hundredths == 1015);
  const auto past = statutory_interest(table, InterestKind::consumer, 100000, make_date(2026, 6, 1),
                                       make_date(2026, 7, 1));
  REQUIRE_FALSE(past);
  CHECK_THAT(past.error().message, Catch::Contains("2026-07-01"));
  CHECK_THAT(past.error().message, Catch::Contains(table.name));
  const auto before = statutory_interest(table, InterestKind::consumer, 100000,
                                         make_date(2006, 12, 31), make_date(2007, 1, 10));
  CHECK_FALSE(before);
}

TEST_CASE("an operator's newer table computes past the shipped one and is named (NL-RULES 3.2)",
          "[interest]") {
  std::string extended(builtin_interest_rates());
  extended.replace(extended.find("name = "),
                   extended.find('\n', extended.find("name = ")) - extended.find("name = "),
                   "name = \"operator table 2026-07\"");
  extended.replace(extended.find("known_until = 2026-06-30"), 24, "known_until = 2026-12-31");
  extended += "\n[[consumer]]\nfrom = 2026-07-01\nrate = \"5\"\nconfidence = \"A\"\n";
  const auto table = parse_rate_table(extended, "operator.toml");
  REQUIRE(table);
  const auto result = statutory_interest(*table, InterestKind::consumer, 365000,
                                         make_date(2026, 7, 1), make_date(2026, 7, 10));
  REQUIRE(result);
  CHECK(result->table_name == "operator table 2026-07");
  CHECK(result->interest_cents == 500);  // 3650.00 x 5% x 10/365 = 5.00
}

TEST_CASE("a malformed rate table is refused with the row and the problem", "[interest]") {
  const auto unsorted = parse_rate_table(R"(name = "t"
known_until = 2026-06-30
[[consumer]]
from = 2025-01-01
rate = "6"
[[consumer]]
from = 2024-01-01
rate = "7"
[[commercial]]
from = 2024-01-01
rate = "12.5"
)",
                                         "t.toml");
  REQUIRE_FALSE(unsorted);
  CHECK_THAT(unsorted.error().to_string(), Catch::Contains("[[consumer]] row 2"));
  const auto float_rate = parse_rate_table(R"(name = "t"
known_until = 2026-06-30
[[consumer]]
from = 2025-01-01
rate = 6.5
[[commercial]]
from = 2024-01-01
rate = "12.5"
)",
                                           "t.toml");
  REQUIRE_FALSE(float_rate);
  CHECK_THAT(float_rate.error().message, Catch::Contains("decimal string"));
  const auto broken = parse_rate_table("name = ", "t.toml");
  REQUIRE_FALSE(broken);
  CHECK_THAT(broken.error().message, Catch::Contains("line 1"));
}

TEST_CASE("interest runs through the last day inclusive and none on the due date (NL-RULES 3.3)",
          "[interest]") {
  const auto none = statutory_interest(builtin(), InterestKind::consumer, 64000,
                                       make_date(2023, 6, 2), make_date(2023, 6, 1));
  REQUIRE(none);
  CHECK(none->interest_cents == 0);
  CHECK(none->periods.empty());
  // Capitalised at the anniversary only when compounding (6:119 lid 2 BW).
  const auto simple = statutory_interest(builtin(), InterestKind::consumer, 200000,
                                         make_date(2015, 7, 1), make_date(2017, 6, 30), false);
  REQUIRE(simple);
  // 2000.00 at 2%: 2015-07-01..2016-06-30 holds 29-2-2016, 366 days over 365 (NL-RULES 3.4 step
  // 3): 40.1096 -> 40.11; then 365 days: 40.00.
  CHECK(simple->interest_cents == 8011);
  CHECK_FALSE(simple->years[0].capitalised);
}

TEST_CASE(
    "across invoices: designation, then due before not yet due, oldest first, equal dates "
    "pro rata (art. 6:43 BW)",
    "[allocation]") {
  const ClaimBalance claims[] = {
      {"A", make_date(2026, 1, 10), 0, 0, 10000},
      {"B", make_date(2026, 1, 5), 0, 0, 10000},
      {"C", make_date(2026, 3, 1), 0, 0, 10000},  // not yet due on 2026-02-01
  };
  const Date paid_on = make_date(2026, 2, 1);
  const Allocation oldest = allocate_payment(claims, 15000, std::nullopt, paid_on);
  CHECK(oldest.claims[1].to_principal_cents == 10000);
  CHECK(oldest.claims[0].to_principal_cents == 5000);
  CHECK(oldest.claims[2].total() == 0);

  const Allocation designated = allocate_payment(claims, 12000, std::string_view("C"), paid_on);
  CHECK(designated.claims[2].to_principal_cents == 10000);
  CHECK(designated.claims[1].to_principal_cents == 2000);

  const ClaimBalance same_day[] = {{"A", make_date(2026, 1, 5), 0, 0, 30000},
                                   {"B", make_date(2026, 1, 5), 0, 0, 10000}};
  const Allocation shared = allocate_payment(same_day, 4000, std::nullopt, paid_on);
  CHECK(shared.claims[0].to_principal_cents == 3000);
  CHECK(shared.claims[1].to_principal_cents == 1000);

  const Allocation over = allocate_payment(claims, 35000, std::string_view("unknown"), paid_on);
  CHECK(over.overpayment_cents == 5000);
}

TEST_CASE("within a claim costs go first, then interest, then principal (art. 6:44 lid 1 BW)",
          "[allocation]") {
  const ClaimBalance claims[] = {{"A", make_date(2026, 1, 5), 4000, 500, 20000},
                                 {"B", make_date(2026, 1, 6), 4000, 0, 20000}};
  const Allocation allocation = allocate_payment(claims, 5000, std::nullopt, make_date(2026, 2, 1));
  CHECK(allocation.claims[0] == ClaimAllocation{4000, 500, 500});
  CHECK(allocation.claims[1].total() == 0);
}

TEST_CASE("pro rata splits add up exactly", "[allocation]") {
  const Cents weights[] = {1, 1, 1};
  CHECK(split_pro_rata(100, weights) == std::vector<Cents>{34, 33, 33});
  const Cents zero[] = {0, 0};
  CHECK(split_pro_rata(5, zero) == std::vector<Cents>{3, 2});
  const Cents uneven[] = {50000, 25000, 25000};
  CHECK(split_pro_rata(7500, uneven) == std::vector<Cents>{3750, 1875, 1875});
}
