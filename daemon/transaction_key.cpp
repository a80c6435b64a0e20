#include "transaction_key.hpp"

#include <cctype>

#include "tokens.hpp"

namespace pinc {

namespace {

// Remittance text as banks wrap and space it differently: upper-case, single spaces.
std::string squeeze(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string day_text(const std::optional<Date>& date) {
  return date ? format_date(*date) : std::string();
}

}  // namespace

std::string TransactionKeys::next(const feeds::BankTransaction& transaction) {
  if (!transaction.uetr.empty()) return "u:" + transaction.uetr;
  const auto& booked = transaction.booking_date ? transaction.booking_date : transaction.value_date;
  std::string content;
  for (const std::string& field :
       {transaction.account, day_text(booked), std::string(transaction.credit ? "C" : "D"),
        std::string(transaction.reversal ? "R" : ""), std::to_string(transaction.amount_cents),
        transaction.currency, transaction.counterparty_iban, transaction.end_to_end_id,
        transaction.structured_reference, squeeze(transaction.remittance_text)}) {
    content += field;
    content += '\x1f';  // a separator no field contains
  }
  const std::string hash = sha256_hex(content).substr(0, 32);
  const std::uint32_t occurrence = ++seen_[transaction.statement_id + '\x1f' + hash];
  return "h:" + hash + "#" + std::to_string(occurrence);
}

}  // namespace pinc
