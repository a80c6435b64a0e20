#pragma once
// What a reader learns about a file besides its transactions: the totals over the entries as the
// bank lists them, each statement's balance check, and the warnings, kept short however often a
// quirk repeats. Shared by the camt and the MT940 reader so both count and check the same way.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_file.hpp"

namespace pinc::feeds {

// Warnings grouped by kind: the first few of a kind in full, then how many more there were, so a
// file with a thousand empty statements gives a handful of lines, not a thousand.
class WarningLog {
 public:
  void add(std::string_view kind, std::string message);
  std::vector<std::string> lines() const;

 private:
  struct Kind {
    std::vector<std::string> shown;
    std::uint64_t more = 0;
  };
  std::vector<std::string> order_;
  std::map<std::string, Kind, std::less<>> kinds_;
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(FileFormat format) { summary_.format = format; }

  void set_format(FileFormat format) { summary_.format = format; }
  void warn(std::string_view kind, std::string message) { warnings_.add(kind, std::move(message)); }

  void begin_statement(std::string id);
  // Booked balances, signed (a debit balance is negative).
  void set_opening(Cents signed_cents, std::string currency);
  void set_closing(Cents signed_cents, std::string currency);
  // MT942 :90D:/:90C:, the bank's own count and sum of the debits or credits.
  void set_declared_totals(bool credit, std::uint64_t count, Cents sum);

  // One entry as the bank lists it (camt Ntry, MT940 :61:). `booked` says whether it moved the
  // booked balance (camt BOOK; PDNG and INFO entries are counted but not balanced). `content` is a
  // hash of everything the entry says, to spot identical twins next to each other. `number` is
  // the entry's 1-based position in the file, for messages. Refuses totals that overflow.
  std::optional<Error> add_entry(bool credit, Cents amount, std::string_view currency, bool booked,
                                 std::uint64_t content, std::uint64_t number);
  void add_transaction() { ++summary_.transactions; }
  void end_statement();

  std::uint64_t entries() const { return summary_.totals.entries; }
  std::uint64_t statements() const { return summary_.statements; }
  bool in_statement() const { return open_; }
  const std::string& statement_id() const { return id_; }
  FileSummary finish();

 private:
  void close_twin_run();

  FileSummary summary_;
  WarningLog warnings_;
  bool open_ = false;
  std::string id_;
  std::uint64_t statement_entries_ = 0;
  std::optional<Cents> opening_, closing_;
  std::string balance_currency_;
  Cents booked_credits_ = 0, booked_debits_ = 0;  // in the balance currency
  std::uint64_t credit_count_ = 0, debit_count_ = 0;
  std::optional<std::pair<std::uint64_t, Cents>> declared_credits_, declared_debits_;
  std::uint64_t previous_content_ = 0;
  std::uint64_t run_first_ = 0, run_length_ = 0;
};

// 64-bit FNV-1a, for the twin check (not for anything an attacker could aim at).
class ContentHash {
 public:
  void add(std::string_view text) {
    for (const char c : text) hash_ = (hash_ ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    hash_ = (hash_ ^ 0x1F) * 1099511628211ULL;  // a separator, so "ab","c" is not "a","bc"
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

}  // namespace pinc::feeds
