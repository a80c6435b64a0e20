// `pinc calc` run as a real process: the JSON each command prints, and its refusals.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_process.hpp"

using nlohmann::json;
using pinc::test::run_process;

namespace {
const std::string kPinc = PINC_BIN;

json calc_json(const std::string& arguments) {
  const auto result = run_process(kPinc + " calc " + arguments + " --json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}
}  // namespace

TEST_CASE("pinc calc costs prints the statutory costs as cents (Besluit BIK art. 2, 6:96 lid 7)",
          "[cli]") {
  const json summed = calc_json("costs 100,00 100.00 100");
  CHECK(summed["basis_cents"] == 30000);
  CHECK(summed["costs_cents"] == 4500);
  CHECK(summed["vat_cents"] == 0);
  CHECK(summed["total_cents"] == 4500);
  const json vat = calc_json("costs 1.000,00 --vat 21");
  CHECK(vat["costs_cents"] == 15000);
  CHECK(vat["vat_cents"] == 3150);
  CHECK(vat["total_cents"] == 18150);
  CHECK(calc_json("costs 100 100 100 --separate")["costs_cents"] == 12000);
}

TEST_CASE("pinc calc interest prints the periods and names the rate table (NL-RULES 3.4)",
          "[cli]") {
  const json interest =
      calc_json("interest 1000 --due 2022-12-31 --until 2025-12-31 --kind consumer");
  CHECK(interest["interest_cents"] == 19122);  // vector I03
  CHECK(interest["total_cents"] == 119122);
  REQUIRE(interest["periods"].size() == 6);
  CHECK(interest["periods"][0]["from"] == "2023-01-01");
  CHECK(interest["periods"][0]["rate"] == "4.00");
  CHECK(interest["periods"][0]["days"] == 181);
  CHECK(interest["rate_table"].get<std::string>().find("2026-06-30") != std::string::npos);
  const json simple =
      calc_json("interest 1000 --due 2022-12-31 --until 2025-12-31 --kind consumer --simple");
  CHECK(simple["interest_cents"] == 18027);  // vector I04
}

TEST_CASE("pinc calc interest refuses a day past the rate table, and a newer table wins", "[cli]") {
  const auto refused = run_process(kPinc +
                                   " calc interest 1000 --due 2026-06-01 --until "
                                   "2026-07-15 --kind consumer");
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("--until"));
  CHECK_THAT(refused.err, Catch::Contains("2026-07-01"));

  std::ifstream shipped(std::string(PINC_DATA_DIR) + "/interest-rates.toml");
  std::stringstream text;
  text << shipped.rdbuf();
  std::string extended = text.str();
  extended.replace(extended.find("known_until = 2026-06-30"), 24, "known_until = 2026-12-31");
  extended.replace(extended.find("name = \""),
                   extended.find('\n', extended.find("name = \"")) - extended.find("name = \""),
                   "name = \"agency table 2026-07\"");
  extended += "\n[[consumer]]\nfrom = 2026-07-01\nrate = \"5\"\n";
  const std::string path = "/tmp/pinc-test-rates-" + std::to_string(getpid()) + ".toml";
  std::ofstream(path) << extended;
  const json by_flag = calc_json(
      "interest 3650 --due 2026-06-30 --until 2026-07-10 --kind "
      "consumer --rates " +
      path);
  CHECK(by_flag["interest_cents"] == 500);  // 3650.00 x 5% x 10/365
  CHECK(by_flag["rate_table"] == "agency table 2026-07");
  const auto by_env = run_process("PINC_RATES=" + path + " " + kPinc +
                                  " calc interest 3650 --due 2026-06-30 --until 2026-07-10 "
                                  "--kind consumer --json");
  REQUIRE(by_env.exit_code == 0);
  CHECK(json::parse(by_env.out)["rate_table"] == "agency table 2026-07");
  std::remove(path.c_str());
}

TEST_CASE("pinc calc deadline follows NL-RULES 2.4", "[cli]") {
  const json post = calc_json("deadline --sent 2026-02-05 --channel post");
  CHECK(post["receipt"] == "2026-02-07");
  CHECK(post["term_first"] == "2026-02-08");
  CHECK(post["term_last"] == "2026-02-23");
  CHECK(post["costs_from"] == "2026-02-24");
  const json both = calc_json("deadline --sent 2026-02-06 --channel both");
  CHECK(both["receipt"] == "2026-02-10");
  const json business = calc_json("deadline --sent 2026-02-02 --channel post --term-days 10");
  CHECK(business["term_last"] == "2026-02-16");
}

TEST_CASE("pinc calc schedule gives the default strategy's dates", "[cli]") {
  const json schedule =
      calc_json("schedule --due 2026-01-15 --opened 2026-01-20 --kind consumer --email");
  const std::vector<std::pair<std::string, std::string>> expected = {{"reminder", "2026-01-21"},
                                                                     {"call", "2026-01-28"},
                                                                     {"final_notice", "2026-02-02"},
                                                                     {"deadline", "2026-02-18"},
                                                                     {"handed_over", "2026-02-20"}};
  REQUIRE(schedule["steps"].size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(schedule["steps"][i]["step"] == expected[i].first);
    CHECK(schedule["steps"][i]["date"] == expected[i].second);
  }
}

TEST_CASE("bad input exits non-zero naming the argument and the problem", "[cli]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"costs 12,345", "below one cent"},
      {"costs -5", "AMOUNT"},
      {"interest 100 --due 2026-02-30 --until 2026-03-01 --kind consumer", "--due"},
      {"interest 100 --due 2026-01-01 --until 2026-03-01 --kind retail", "--kind"},
      {"deadline --sent 2026-02-02 --channel pigeon", "--channel"},
      {"schedule --due 2026-01-15 --opened 2026-01-20 --kind firm", "--kind"},
      {"costs 100 --vat abc", "--vat"},
  };
  for (const auto& [arguments, expected] : cases) {
    INFO(arguments);
    const auto result = run_process(kPinc + " calc " + arguments);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err, Catch::Contains(expected));
  }
}
