#include "mt940_lines.hpp"

#include "feed_amounts.hpp"
#include "feed_dates.hpp"
#include "feed_text.hpp"

namespace pinc::feeds {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// The amount at the start of `text` (digits and one ',' or '.'), and where it ends.
std::size_t amount_length(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && (is_digit(text[n]) || text[n] == ',' || text[n] == '.')) ++n;
  return n;
}

}  // namespace

Result<Balance> parse_balance(std::string_view text) {
  text = trim(text);
  if (text.size() < 11 || (text[0] != 'C' && text[0] != 'D'))
    return make_error(
        "", "'" + std::string(text) + "' is not a balance (C/D, YYMMDD, currency, amount)");
  Balance balance;
  auto date = parse_yymmdd(text.substr(1, 6));
  if (!date) return make_error("", "balance date " + date.error().message);
  balance.date = *date;
  balance.currency = std::string(text.substr(7, 3));
  for (const char c : balance.currency)
    if (!is_upper(c)) return make_error("", "'" + balance.currency + "' is not a currency");
  auto amount = parse_feed_amount(text.substr(10), ",.");
  if (!amount) return amount.error();
  balance.signed_cents = text[0] == 'D' ? -amount->cents : amount->cents;
  balance.extra_zero_decimals = amount->extra_zero_decimals;
  return balance;
}

Result<StatementLine> parse_statement_line(std::string_view text) {
  StatementLine line;
  if (text.size() < 6) return make_error("", "too short for a statement line");
  auto value_date = parse_yymmdd(text.substr(0, 6));
  if (!value_date) return make_error("", "value date " + value_date.error().message);
  line.value_date = *value_date;
  std::size_t i = 6;
  if (text.size() >= i + 4 && is_digit(text[i]) && is_digit(text[i + 1]) && is_digit(text[i + 2]) &&
      is_digit(text[i + 3])) {
    auto entry = entry_date_near(text.substr(i, 4), line.value_date);
    if (!entry) return make_error("", "entry date " + entry.error().message);
    line.entry_date = *entry;
    i += 4;
  }
  // Mark: C, D, RC, RD (ABN AMRO has written a lower-case d). "CR"/"DR" is C/D + funds code R.
  auto upper = [&](std::size_t at) {
    return at < text.size() ? static_cast<char>(text[at] & ~0x20) : '\0';
  };
  if (upper(i) == 'R' && (upper(i + 1) == 'C' || upper(i + 1) == 'D')) {
    line.reversal = true;
    line.credit = upper(i + 1) == 'D';  // a reversed debit is money in
    i += 2;
  } else if (upper(i) == 'C' || upper(i) == 'D') {
    line.credit = upper(i) == 'C';
    i += 1;
  } else {
    return make_error("", "no debit/credit mark (C, D, RC or RD) after the dates");
  }
  if (i < text.size() && is_letter(text[i])) ++i;  // funds code, the currency's third letter
  const std::size_t length = amount_length(text.substr(i));
  if (length == 0) return make_error("", "no amount after the debit/credit mark");
  auto amount = parse_feed_amount(text.substr(i, length), ",.");
  if (!amount) return amount.error();
  line.amount = amount->cents;
  line.extra_zero_decimals = amount->extra_zero_decimals;
  i += length;
  if (text.size() < i + 4) return make_error("", "no transaction type after the amount");
  line.type = std::string(text.substr(i, 4));
  i += 4;
  const std::string_view rest = text.substr(i);
  const std::size_t split = rest.find("//");
  line.customer_reference = std::string(trim(rest.substr(0, split)));
  if (split != std::string_view::npos)
    line.bank_reference = std::string(trim(rest.substr(split + 2)));
  return line;
}

Result<std::string> parse_floor_limit_currency(std::string_view text) {
  text = trim(text);
  if (text.size() < 4 || !is_upper(text[0]) || !is_upper(text[1]) || !is_upper(text[2]))
    return make_error("", "'" + std::string(text) + "' is not a floor limit (currency, amount)");
  return std::string(text.substr(0, 3));
}

Result<DeclaredTotal> parse_declared_total(std::string_view text) {
  text = trim(text);
  DeclaredTotal total;
  std::size_t i = 0;
  for (; i < text.size() && is_digit(text[i]) && i < 6; ++i)
    total.count = total.count * 10 + static_cast<std::uint64_t>(text[i] - '0');
  if (i == 0 || text.size() < i + 4)
    return make_error("", "'" + std::string(text) + "' is not a total (count, currency, amount)");
  total.currency = std::string(text.substr(i, 3));
  auto amount = parse_feed_amount(text.substr(i + 3), ",.");
  if (!amount) return amount.error();
  total.amount = amount->cents;
  return total;
}

std::string normalize_account(std::string_view text) {
  std::string account = normalize_code(text);
  // "NL20INGB0001234567EUR", "NL10BUNQ2290325473 EUR", "1017.490.554EUR": the currency is not
  // part of the account.
  if (account.size() > 3) {
    const std::string_view tail = std::string_view(account).substr(account.size() - 3);
    const char before = account[account.size() - 4];
    if (is_upper(tail[0]) && is_upper(tail[1]) && is_upper(tail[2]) && is_digit(before))
      account.resize(account.size() - 3);
  }
  return account;
}

}  // namespace pinc::feeds
