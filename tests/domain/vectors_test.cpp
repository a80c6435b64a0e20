// Every row of ../shared/domain/vectors/*.csv is its own Catch2 test case (and so its own CTest
// entry), registered at start-up from the files, named after the row's id and comment. Expected
// values come from the vectors, which were computed independently of pinc (NL-RULES 9).
#include <catch2/catch.hpp>

#include <functional>
#include <memory>

#include "allocation.hpp"
#include "builtin_rates.hpp"
#include "collection_costs.hpp"
#include "csv.hpp"
#include "interest.hpp"
#include "money.hpp"

using namespace pinc;
using pinc::test::CsvRow;

namespace {

Cents euros(const std::string& text) {
  auto cents = parse_amount(text, "vector");
  if (!cents) FAIL("bad amount in vector: " << cents.error().to_string());
  return cents.value();
}

Date date(const std::string& text) {
  auto parsed = parse_date(text, "vector");
  if (!parsed) FAIL("bad date in vector: " << parsed.error().to_string());
  return parsed.value();
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == separator)
      parts.push_back(std::exchange(current, {}));
    else
      current += c;
  }
  if (!current.empty() || !parts.empty()) parts.push_back(current);
  return parts;
}

const RateTable& rates() {
  static const RateTable table = parse_rate_table(builtin_interest_rates(), "built-in").value();
  return table;
}

void check_wik_costs(const CsvRow& row) {
  std::vector<Cents> claims;
  for (const std::string& part : split(row.at("invoices_eur"), ';')) claims.push_back(euros(part));
  CostsOptions options;
  options.separate = row.at("aggregation") == "separate";
  options.paid_in_term_cents = euros(row.at("partial_payment_in_term_eur"));
  options.capitalised_interest_cents = euros(row.at("capitalised_interest_eur"));
  if (row.at("vat_increase") == "yes")
    options.vat_percent_hundredths =
        static_cast<std::int32_t>(parse_decimal_scaled(row.at("vat_pct"), 2, "vat_pct").value());
  const auto result = statutory_collection_costs(claims, options);
  REQUIRE(result);
  CHECK(result->basis_cents == euros(row.at("hoofdsom_basis_eur")));
  CHECK(result->costs_cents == euros(row.at("expected_bik_excl_vat_eur")));
  CHECK(result->vat_cents == euros(row.at("expected_vat_eur")));
  CHECK(result->total_cents == euros(row.at("expected_total_eur")));
}

void check_interest(const CsvRow& row) {
  const InterestKind kind = parse_interest_kind(row.at("kind"), "kind").value();
  const Date due = date(row.at("due_date"));
  const Date first = date(row.at("first_interest_day"));
  const Date last = date(row.at("last_interest_day"));
  REQUIRE(first == due + Days{1});  // interest runs from the day after the due date (3.3)
  const auto result = statutory_interest(rates(), kind, euros(row.at("principal_eur")), first, last,
                                         row.at("compound") == "yes");
  REQUIRE(result);
  int days = 0;
  for (const InterestPeriod& period : result->periods) days += period.days;
  CHECK(days == std::stoi(row.at("days")));
  CHECK(result->interest_cents == euros(row.at("expected_interest_eur")));
  CHECK(result->total_cents == euros(row.at("expected_total_eur")));
  std::vector<Cents> expected_years;
  for (const std::string& part : split(row.at("interest_per_interest_year_eur"), '|'))
    expected_years.push_back(euros(part));
  std::vector<Cents> years;
  for (const InterestYear& year : result->years) years.push_back(year.interest_cents);
  CHECK(years == expected_years);
  CHECK(result->table_name == rates().name);
}

void check_allocation(const CsvRow& row) {
  const ClaimBalance claim{"F-1", make_date(2026, 1, 1), euros(row.at("costs_eur")),
                           euros(row.at("interest_eur")), euros(row.at("principal_eur"))};
  const Allocation allocation = allocate_payment({&claim, 1}, euros(row.at("payment_eur")),
                                                 std::nullopt, make_date(2026, 2, 1));
  REQUIRE(allocation.claims.size() == 1);
  CHECK(allocation.claims[0].to_costs_cents == euros(row.at("to_costs_eur")));
  CHECK(allocation.claims[0].to_interest_cents == euros(row.at("to_interest_eur")));
  CHECK(allocation.claims[0].to_principal_cents == euros(row.at("to_principal_eur")));
  CHECK(allocation.overpayment_cents == euros(row.at("overpayment_eur")));
  CHECK(claim.open() - allocation.claims[0].total() == euros(row.at("remaining_total_eur")));
}

// A test case that checks one vector row.
class RowInvoker : public Catch::ITestInvoker {
 public:
  RowInvoker(std::function<void(const CsvRow&)> check, CsvRow row)
      : check_(std::move(check)), row_(std::move(row)) {}
  void invoke() const override { check_(row_); }

 private:
  std::function<void(const CsvRow&)> check_;
  CsvRow row_;
};

// Catch test specs treat commas and brackets specially; keep names plain and short.
std::string test_name(const std::string& file, const CsvRow& row) {
  std::string comment = row.count("comment") ? row.at("comment") : "";
  for (char& c : comment)
    if (c == ',' || c == ';' || c == '[' || c == ']' || c == '"' || c == '\\' || c == '*') c = ' ';
  if (comment.size() > 70) comment = comment.substr(0, 70);
  while (!comment.empty() && comment.back() == ' ') comment.pop_back();
  return "vector " + file + " " + row.at("id") + ": " + comment;
}

class MissingFile : public Catch::ITestInvoker {
 public:
  explicit MissingFile(std::string path) : path_(std::move(path)) {}
  void invoke() const override { FAIL("cannot read the vector file " << path_); }

 private:
  std::string path_;
};

struct Registrar {
  Registrar() {
    const std::vector<std::pair<std::string, std::function<void(const CsvRow&)>>> files = {
        {"wik_costs", check_wik_costs},
        {"interest", check_interest},
        {"payment_allocation", check_allocation}};
    for (const auto& [file, check] : files) {
      const std::string path = std::string(PINC_VECTORS_DIR) + "/" + file + ".csv";
      const auto rows = pinc::test::read_csv(path);
      if (!rows || rows->empty()) {
        names_.push_back(std::make_unique<std::string>("vector " + file + ": file missing"));
        Catch::AutoReg(new MissingFile(path), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                       Catch::NameAndTags{*names_.back(), "[vectors]"});
        continue;
      }
      for (const CsvRow& row : *rows) {
        names_.push_back(std::make_unique<std::string>(test_name(file, row)));
        Catch::AutoReg(new RowInvoker(check, row), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                       Catch::NameAndTags{*names_.back(), "[vectors]"});
      }
    }
  }
  std::vector<std::unique_ptr<std::string>> names_;
};

const Registrar registrar;

}  // namespace
