#pragma once
// What identifies a bank transaction across deliveries (BANK-FEEDS.md section 11): the same
// statement twice, an overlapping statement, or a camt.054 notification followed by the day's
// camt.053 must give the same key, and genuinely identical twins within one statement must not.
//
// The key is the UETR when the bank gives one (camt .08+, globally unique); otherwise a hash of
// what the payment is (account, booking day, direction, amount, currency, counterparty IBAN,
// end-to-end id, references, remittance text) plus an occurrence counter for identical content
// within the same statement. Bank-internal references (AcctSvcrRef, NtryRef) are left out: they
// differ between a notification and the statement and repeat across entries.
//
// One TransactionKeys per delivery (file or stream); not thread-safe.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "bank_transaction.hpp"

namespace pinc {

class TransactionKeys {
 public:
  std::string next(const feeds::BankTransaction& transaction);

 private:
  std::unordered_map<std::string, std::uint32_t> seen_;  // statement + content hash -> count
};

}  // namespace pinc
