#pragma once
// Reading a bank file: camt.053 / camt.054 / camt.052 (XML, streamed with libxml2's reader) or
// MT940 / MT942 (text), told apart by content, not by name. A file is read in constant memory,
// however many entries it has: each transaction goes to the caller's callback as it is read.
//
// A malformed file is refused as a whole with an Error that names the file, the entry or line,
// and the problem; callers that must apply nothing of a bad file read it twice (once to check it,
// once to apply it), or spool what the first pass gave them. Quirks that real banks produce are
// accepted and reported as warnings.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_transaction.hpp"
#include "result.hpp"

namespace pinc::feeds {

// Per file: entries as the bank lists them (camt Ntry, MT940 :61:), a batch entry counted once
// with its own amount, whatever its details.
struct FileTotals {
  std::uint64_t entries = 0, credits = 0, debits = 0;
  Cents credits_cents = 0, debits_cents = 0;
};

struct FileSummary {
  FileFormat format = FileFormat::camt053;
  std::uint64_t statements = 0;
  std::uint64_t transactions = 0;  // what the callback received (batches split per TxDtls)
  FileTotals totals;
  // Statements whose opening balance plus credits minus debits is not their closing balance: the
  // statement ids, for an operator to look at (their credits are still applied).
  std::vector<std::string> unreconciled_statements;
  std::vector<std::string> warnings;  // one line each, naming the statement/entry or line
};

using TransactionCallback = std::function<void(const BankTransaction&)>;

// Reads `bytes` (a whole file's content; `name` is used in errors and warnings).
Result<FileSummary> read_bank_file(std::string_view bytes, const std::string& name,
                                   const TransactionCallback& each);
// Reads the file at `path`, streaming it from disk (constant memory for any size).
Result<FileSummary> read_bank_file_at(const std::string& path, const TransactionCallback& each);

}  // namespace pinc::feeds
