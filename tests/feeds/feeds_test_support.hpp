#pragma once
// Helpers for the feed tests: where the fixtures are, running a parser into a vector, and totals
// computed from a file's raw text by code that shares nothing with the parsers (a plain scan for
// <Ntry> blocks and :61: lines), so the parsers are checked against an independent count.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "bank_file.hpp"

namespace pinc::feeds::test {

// The build's choice (../shared beside the checkout, else the copy), or PINC_FIXTURES_DIR from the
// environment to run against the other one.
inline std::string fixtures_dir() {
  const char* chosen = std::getenv("PINC_FIXTURES_DIR");
  return chosen && *chosen ? chosen : PINC_FIXTURES_DIR;
}
inline std::string fixture(const std::string& relative) {
  return fixtures_dir() + "/" + relative;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Every file in a fixture folder, sorted.
inline std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixture(folder)))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct Parsed {
  Result<FileSummary> summary = make_error("", "not parsed");
  std::vector<BankTransaction> transactions;
};

inline Parsed parse_file(const std::string& path) {
  Parsed parsed;
  parsed.summary =
      read_bank_file_at(path, [&](const BankTransaction& t) { parsed.transactions.push_back(t); });
  return parsed;
}

inline Parsed parse_text(const std::string& bytes, const std::string& name) {
  Parsed parsed;
  parsed.summary = read_bank_file(
      bytes, name, [&](const BankTransaction& t) { parsed.transactions.push_back(t); });
  return parsed;
}

inline bool has_warning(const FileSummary& summary, const std::string& part) {
  for (const std::string& warning : summary.warnings)
    if (warning.find(part) != std::string::npos) return true;
  return false;
}

struct ScannedTotals {
  std::uint64_t entries = 0, credits = 0, debits = 0;
  std::int64_t credits_cents = 0, debits_cents = 0;
};

// "474.4" / "2," / "000000000127,50" / "18.150" as cents; more decimals must be zeros.
inline std::int64_t scan_cents(std::string text) {
  for (char& c : text)
    if (c == ',') c = '.';
  const std::size_t dot = text.find('.');
  std::string whole = text.substr(0, dot),
              fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  while (fraction.size() > 2) {
    REQUIRE(fraction.back() == '0');
    fraction.pop_back();
  }
  while (fraction.size() < 2) fraction += '0';
  return std::stoll(whole.empty() ? "0" : whole) * 100 + std::stoll(fraction);
}

// camt: each <Ntry>...</Ntry>, its first <Amt> and first <CdtDbtInd> (Ntry/Amt and
// Ntry/CdtDbtInd come before anything nested in the entry).
inline ScannedTotals scan_camt(const std::string& text) {
  ScannedTotals totals;
  static const std::regex amount(R"(<Amt[^>]*>\s*([0-9.]+)\s*</Amt>)");
  static const std::regex direction(R"(<CdtDbtInd>\s*(CRDT|DBIT)\s*</CdtDbtInd>)");
  std::size_t at = 0;
  while ((at = text.find("<Ntry>", at)) != std::string::npos) {
    const std::size_t end = text.find("</Ntry>", at);
    REQUIRE(end != std::string::npos);
    const std::string block = text.substr(at, end - at);
    std::smatch a, d;
    REQUIRE(std::regex_search(block, a, amount));
    REQUIRE(std::regex_search(block, d, direction));
    ++totals.entries;
    const std::int64_t cents = scan_cents(a[1].str());
    if (d[1].str() == "CRDT") {
      ++totals.credits;
      totals.credits_cents += cents;
    } else {
      ++totals.debits;
      totals.debits_cents += cents;
    }
    at = end;
  }
  return totals;
}

// MT940/MT942: each line starting ":61:", its mark (C, D, RC, RD, any case, then an optional
// funds-code letter) and amount.
inline ScannedTotals scan_mt940(const std::string& text) {
  ScannedTotals totals;
  static const std::regex line61(R"(^:61:\d{6}(\d{4})?([Rr]?[CDcd])[A-Za-z]?(\d+[,.]?\d*))");
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string clean;
    for (const char c : line)
      if (c != '\x01' && c != '\x03' && c != '\x1a' && c != '\r') clean += c;
    std::smatch m;
    if (!std::regex_search(clean, m, line61)) continue;
    std::string mark = m[2].str();
    for (char& c : mark) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool credit = mark == "C" || mark == "RD";
    const std::int64_t cents = scan_cents(m[3].str());
    ++totals.entries;
    if (credit) {
      ++totals.credits;
      totals.credits_cents += cents;
    } else {
      ++totals.debits;
      totals.debits_cents += cents;
    }
  }
  return totals;
}

inline ScannedTotals scan_file(const std::string& path) {
  const std::string text = read_bytes(path);
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && text[first] == '<' ? scan_camt(text) : scan_mt940(text);
}

// The transactions of one entry (0-based position in the file).
inline std::vector<BankTransaction> entry(const Parsed& parsed, std::uint64_t index) {
  std::vector<BankTransaction> out;
  for (const BankTransaction& t : parsed.transactions)
    if (t.entry_index == index) out.push_back(t);
  return out;
}

}  // namespace pinc::feeds::test
