#pragma once
// Shared by the letters tests: an agency and creditor, dossiers driven through the real domain
// (decide/apply on a simulated day counter, tests/domain/dossier_world.hpp), and pdftotext to read
// a PDF back as a person would.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "dossier_world.hpp"
#include "letter.hpp"
#include "letter_format.hpp"

namespace pinc::letters::test {

inline Agency agency() {
  Agency agency;
  agency.name = "Incassobureau Zuid B.V.";
  agency.registration = "R-2024-00123";
  agency.address = Address{"Stationsplein 7", "3511 ED", "Utrecht", "NL"};
  agency.phone = "030 123 45 67";
  agency.email = "info@incassozuid.example";
  agency.website = "www.incassozuid.example";
  return agency;
}

inline CreditorDetails creditor(std::string id = "acme") {
  CreditorDetails creditor;
  creditor.id = std::move(id);
  creditor.name = "Acme Energie B.V.";
  creditor.iban = "NL91ABNA0417164300";
  creditor.email = "debiteuren@acme.example";
  creditor.address = Address{"Havenweg 12", "3011 AB", "Rotterdam", "NL"};
  return creditor;
}

inline InvoiceInput invoice(std::string number, Cents amount_cents, Date due) {
  return InvoiceInput{std::move(number), due - Days{30}, due, amount_cents};
}

constexpr Date kDue = make_date(2026, 1, 15);     // Thursday
constexpr Date kOpened = make_date(2026, 1, 20);  // Tuesday

// A dossier run by the domain until it sends a letter of `kind`; the world is left on that day.
inline std::pair<SendDocument, std::uint64_t> run_until(pinc::test::World& world, DocumentKind kind,
                                                        Date until) {
  for (Date day = world.today; day <= until; day += Days{1}) {
    world.advance_to(day);
    for (const auto& [on, effect] : world.effects)
      if (const auto* document = std::get_if<SendDocument>(&effect.payload))
        if (document->kind == kind) return {*document, effect.seq};
  }
  FAIL("no " << to_string(kind) << " by " << format_date(until));
  return {};
}

// A scratch directory of its own per test binary run.
inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto path = std::filesystem::temp_directory_path() /
                ("pinc-letters-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

inline std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    output.append(buffer, n);
  REQUIRE(::pclose(pipe) == 0);
  return output;
}

// The PDF read back by pdftotext (-layout); `options` crops or picks pages.
inline std::string pdf_text(const std::string& pdf, const std::string& name,
                            const std::string& options = "") {
  const auto path = scratch_dir() / (name + ".pdf");
  write_file(path, pdf);
  return run_command("pdftotext -layout " + options + " '" + path.string() + "' -");
}

// Runs of blanks and line breaks as one space, so a figure or a phrase reads the same however
// pdftotext spaced the columns and wherever a line was wrapped.
inline std::string squeeze(const std::string& text) {
  std::string result;
  for (char c : text) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\f';
    if (blank && !result.empty() && result.back() == ' ') continue;
    result += blank ? ' ' : c;
  }
  return result;
}

// Every euro amount written in the text, as written ("€ 1.234,56" or "€1,234.56").
inline std::set<std::string> amounts_in(const std::string& text) {
  static const std::regex amount("\xE2\x82\xAC ?-?[0-9][0-9.,]*[0-9]");
  std::set<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), amount);
       it != std::sregex_iterator(); ++it)
    found.insert(it->str());
  return found;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++count;
  return count;
}

}  // namespace pinc::letters::test
