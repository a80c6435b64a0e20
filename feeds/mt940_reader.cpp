#include "mt940_reader.hpp"

#include <array>
#include <optional>

#include "feed_encoding.hpp"
#include "feed_summary.hpp"
#include "feed_text.hpp"
#include "mt940_fields.hpp"
#include "mt940_lines.hpp"
#include "references.hpp"

namespace pinc::feeds {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::size_t kMaxFieldLines = 500;  // a :86: is 6 lines in SWIFT; far more is not MT940

constexpr std::array<std::string_view, 19> kTags = {"20",  "21", "25",  "25P", "28",  "28C", "60F",
                                                    "60M", "61", "86",  "62F", "62M", "64",  "65",
                                                    "34F", "13", "13D", "90D", "90C"};

// Where a message is in its fields; each stage allows a few tags next.
enum class Stage {
  outside,     // between messages
  header,      // after :20: (and :21:)
  account,     // after :25:
  number,      // after :28C:
  opened,      // MT940 after the opening balance
  floor,       // MT942 after :34F:
  opened942,   // MT942 after :13D:
  entries,     // after a :61: (and its :86:)
  closed,      // after the closing balance :62F:/:62M:
  available,   // after :64:
  forward,     // after :65:
  totals942,   // MT942 after :90D:/:90C:
  statement86  // after the statement's own :86:
};

std::string_view expected_after(Stage stage) {
  switch (stage) {
    case Stage::header:
      return ":25: (the account)";
    case Stage::account:
      return ":28C: (statement number) or :60F: (opening balance)";
    case Stage::number:
      return ":60F: (opening balance) or :34F: (MT942 floor limit)";
    case Stage::opened:
      return ":61: (a statement line) or :62F: (closing balance)";
    case Stage::floor:
      return ":13D: (MT942 date and time)";
    case Stage::opened942:
    case Stage::entries:
      return ":61:, :86:, :62F: or :90D:/:90C:";
    case Stage::closed:
    case Stage::available:
    case Stage::forward:
      return ":64:, :65:, :86: or the end of the statement";
    case Stage::totals942:
      return ":90D:/:90C:, :86: or the end of the report";
    default:
      return "the end of the statement";
  }
}

// A tag ":NN:" or ":NNa:" at the start of `line` that is one MT940/942 knows: its name, and the
// value after it. ":12:" in the middle of a wrapped time is not a tag (svenstaro/mt940-rs #51).
std::optional<std::pair<std::string, std::string_view>> tag_of(std::string_view line) {
  if (line.size() < 4 || line[0] != ':') return std::nullopt;
  const std::size_t close = line.find(':', 1);
  if (close == std::string_view::npos || close > 4) return std::nullopt;
  const std::string_view tag = line.substr(1, close - 1);
  for (const std::string_view known : kTags)
    if (tag == known) return std::make_pair(std::string(tag), line.substr(close + 1));
  return std::nullopt;
}

bool is_header_line(std::string_view text) {
  // ABN AMRO / bunq "ABNANL2A" and "940", ING "0000 01INGBNL2AXXXX00001" and "940 00",
  // Rabobank ":940:".
  if (text == "940" || text == "942" || text == "940 00" || text == "942 00" || text == ":940:" ||
      text == ":942:")
    return true;
  if (text.substr(0, 5) == "0000 ") return true;
  return looks_like_bic(text);
}

bool has_non_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

bool account_like(std::string_view token) {
  if (looks_like_iban(token)) return true;
  std::size_t i = token.size() > 1 && (token[0] == 'P' || token[0] == 'p') ? 1 : 0;
  const std::size_t digits = token.size() - i;
  if (digits < 7 || digits > 10) return false;
  for (; i < token.size(); ++i)
    if (token[i] < '0' || token[i] > '9') return false;
  return true;
}

struct PendingEntry {
  StatementLine line;
  std::string raw;  // the :61: value, for the twin check
  std::vector<std::string> supplementary;
  std::vector<InfoLine> info;
  std::uint64_t number = 0, line_number = 0;
};

class Mt940Reader {
 public:
  Mt940Reader(ByteSource& source, const std::string& name, const TransactionCallback& each)
      : lines_(source, kMaxLine), name_(name), each_(each), summary_(FileFormat::mt940) {}

  Result<FileSummary> run();

 private:
  enum class Continue { none, line61, entry86, statement86 };

  std::optional<Error> handle(std::string_view text);
  std::optional<Error> envelope(std::string_view text);
  std::optional<Error> on_tag(const std::string& tag, std::string_view value);
  std::optional<Error> transition(const std::string& tag, std::string_view value);
  std::optional<Error> continuation(std::string_view text);
  std::optional<Error> end_message(bool at_end_of_file);
  std::optional<Error> flush_entry();
  void outside_text(std::string_view text);
  // An MT940 statement is whole once it has its closing balance; an MT942 has none, and is whole
  // once past its header.
  bool complete() const {
    return closed_ || (is942_ && stage_ != Stage::header && stage_ != Stage::account &&
                       stage_ != Stage::number && stage_ != Stage::floor);
  }
  bool in_message() const { return stage_ != Stage::outside; }
  std::string statement_id() const { return number28_.empty() ? ref20_ : ref20_ + "/" + number28_; }
  Error fail(const std::string& message) const {
    return make_error(name_, "line " + std::to_string(line_) + ": " + message);
  }
  Error fail_entry(const PendingEntry& entry, const std::string& message) const {
    return make_error(name_, "entry " + std::to_string(entry.number) + " (line " +
                                 std::to_string(entry.line_number) + "): " + message);
  }
  void check_charset(std::string_view tag, std::string_view value) {
    if (has_non_ascii(value))
      summary_.warn("charset", "line " + std::to_string(line_) + ": :" + std::string(tag) +
                                   ": holds characters outside the SWIFT character set ('" +
                                   std::string(trim(value)) + "')");
  }

  LineReader lines_;
  const std::string& name_;
  const TransactionCallback& each_;
  SummaryBuilder summary_;
  std::uint64_t line_ = 0;
  Stage stage_ = Stage::outside;
  Continue continue_ = Continue::none;
  std::string last_tag_;
  bool is942_ = false, closed_ = false, any_message_ = false;
  std::string ref20_, number28_, account_, currency_;
  std::optional<PendingEntry> pending_;
  std::uint64_t entry_count_ = 0;
};

Result<FileSummary> Mt940Reader::run() {
  std::string raw;
  while (lines_.next(raw)) {
    line_ = lines_.line_number();
    while (!raw.empty() && (raw.back() == '\r' || raw.back() == '\n')) raw.pop_back();
    bool nul = false;
    if (strip_control_bytes(raw, nul) > 0)
      summary_.warn("control", "line " + std::to_string(line_) +
                                   ": control bytes (SOH, ETX or Ctrl-Z) removed");
    if (nul) return fail("a NUL byte: not a text file (UTF-16, or binary?)");
    for (char& c : raw)
      if (c == '\r' || (static_cast<unsigned char>(c) < 0x20)) c = ' ';
    if (!is_valid_utf8(raw)) {
      raw = windows1252_to_utf8(raw);
      summary_.warn("encoding",
                    "line " + std::to_string(line_) + " is not UTF-8: read as Windows-1252");
    }
    if (auto error = handle(raw)) return *error;
  }
  if (!lines_.error().empty()) return make_error(name_, lines_.error());
  if (in_message()) {
    if (auto error = end_message(true)) return *error;
  }
  if (!any_message_)
    return make_error(name_, line_ == 0 ? "empty file: not a bank statement"
                                        : "not a bank statement: no camt XML and no MT940/MT942 "
                                          "statement (no :20: line) in it");
  return summary_.finish();
}

std::optional<Error> Mt940Reader::handle(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (!text.empty() && text[0] == '{') return envelope(text);
  if (trimmed == "-" || trimmed == "-XXX" || text.substr(0, 2) == "-}") {
    if (in_message())
      if (auto error = end_message(false)) return error;
    if (text.substr(0, 2) == "-}" && text.size() > 2) return envelope(text.substr(2));
    return std::nullopt;
  }
  if (trimmed == ":940:" || trimmed == ":942:") {
    if (in_message())
      return fail(std::string(trimmed) + " inside a statement: fields out of order");
    return std::nullopt;
  }
  if (const auto tag = tag_of(text)) return on_tag(tag->first, tag->second);
  if (!in_message()) {
    outside_text(trimmed);
    return std::nullopt;
  }
  return continuation(text);
}

std::optional<Error> Mt940Reader::envelope(std::string_view text) {
  // "{1:...}{2:...}{3:{108:...}}{4:" opens a message; "{5:...}" trails one.
  if (in_message()) {
    if (!complete())
      return fail("statement " + statement_id() +
                  " is cut off: a new message begins before its closing balance (:62F:) and "
                  "its end (-})");
    if (auto error = end_message(false)) return error;
  }
  const std::size_t block4 = text.find("{4:");
  if (block4 == std::string_view::npos) return std::nullopt;
  const std::string_view after = text.substr(block4 + 3);
  if (trim(after).empty()) return std::nullopt;
  return handle(after);
}

void Mt940Reader::outside_text(std::string_view text) {
  if (text.empty() || is_header_line(text)) return;
  summary_.warn("outside", "line " + std::to_string(line_) +
                               ": text outside any statement ignored ('" +
                               std::string(text.substr(0, 60)) + "')");
}

std::optional<Error> Mt940Reader::on_tag(const std::string& tag, std::string_view value) {
  if (tag == "20") {
    if (in_message()) {
      if (!complete())
        return fail("statement " + statement_id() +
                    " is cut off: a new statement (:20:) begins before its closing balance "
                    "(:62F:)");
      if (auto error = end_message(false)) return error;
    }
    any_message_ = true;
    stage_ = Stage::header;
    continue_ = Continue::none;
    last_tag_ = tag;
    ref20_ = std::string(trim(value));
    number28_.clear();
    account_.clear();
    currency_.clear();
    is942_ = closed_ = false;
    check_charset(tag, value);
    return std::nullopt;
  }
  if (!in_message())
    return fail(":" + tag +
                ": outside a statement (no :20: before it): the file starts in the middle or its "
                "fields are out of order");
  if (auto error = transition(tag, value)) return error;
  last_tag_ = tag;
  return std::nullopt;
}

std::optional<Error> Mt940Reader::transition(const std::string& tag, std::string_view value) {
  auto out_of_order = [&] {
    return fail(":" + tag + ": is out of order: after :" + last_tag_ + ": the statement expects " +
                std::string(expected_after(stage_)));
  };
  const bool balance_open = tag == "60F" || tag == "60M";
  const bool balance_close = tag == "62F" || tag == "62M";
  const bool totals = tag == "90D" || tag == "90C";
  continue_ = Continue::none;
  switch (stage_) {
    case Stage::header:
      if (tag == "21") return std::nullopt;
      if (tag != "25" && tag != "25P") return out_of_order();
      account_ = normalize_account(value);
      check_charset(tag, value);
      stage_ = Stage::account;
      return std::nullopt;
    case Stage::account:
      if (tag == "28" || tag == "28C") {
        number28_ = std::string(trim(value));
        check_charset(tag, value);
        stage_ = Stage::number;
        return std::nullopt;
      }
      [[fallthrough]];
    case Stage::number:
      if (balance_open) {
        auto balance = parse_balance(value);
        if (!balance) return fail(":" + tag + ": " + balance.error().message);
        currency_ = balance->currency;
        summary_.begin_statement(statement_id());
        summary_.set_opening(balance->signed_cents, balance->currency);
        if (balance->extra_zero_decimals)
          summary_.warn("decimals", "line " + std::to_string(line_) + ": :" + tag +
                                        ": balance written with more than two decimals");
        if (summary_.statements() == 1) summary_.set_format(FileFormat::mt940);
        stage_ = Stage::opened;
        return std::nullopt;
      }
      if (tag == "34F") {
        auto currency = parse_floor_limit_currency(value);
        if (!currency) return fail(":34F: " + currency.error().message);
        currency_ = *currency;
        is942_ = true;
        summary_.begin_statement(statement_id());
        if (summary_.statements() == 1) summary_.set_format(FileFormat::mt942);
        stage_ = Stage::floor;
        return std::nullopt;
      }
      return out_of_order();
    case Stage::floor:
      if (tag == "34F") return std::nullopt;
      if (tag == "13D" || tag == "13") {
        stage_ = Stage::opened942;
        return std::nullopt;
      }
      return out_of_order();
    case Stage::opened:
    case Stage::opened942:
    case Stage::entries:
      if (tag == "61") {
        if (auto error = flush_entry()) return error;
        PendingEntry entry;
        entry.number = ++entry_count_;
        entry.line_number = line_;
        entry.raw = std::string(value);
        auto parsed = parse_statement_line(value);
        if (!parsed) return fail_entry(entry, ":61: " + parsed.error().message);
        entry.line = std::move(*parsed);
        pending_ = std::move(entry);
        stage_ = Stage::entries;
        continue_ = Continue::line61;
        return std::nullopt;
      }
      if (tag == "86") {
        if (stage_ == Stage::entries && pending_) {
          if (pending_->info.size() >= kMaxFieldLines) return fail(":86: is far too long");
          pending_->info.push_back({std::string(value), value.size() + 4, !pending_->info.empty()});
          continue_ = Continue::entry86;
        } else {
          continue_ = Continue::statement86;  // before any entry: about the statement
        }
        return std::nullopt;
      }
      if (balance_close && !is942_) {
        if (auto error = flush_entry()) return error;
        auto balance = parse_balance(value);
        if (!balance) return fail(":" + tag + ": " + balance.error().message);
        summary_.set_closing(balance->signed_cents, balance->currency);
        if (balance->extra_zero_decimals)
          summary_.warn("decimals", "line " + std::to_string(line_) + ": :" + tag +
                                        ": balance written with more than two decimals");
        closed_ = true;
        stage_ = Stage::closed;
        return std::nullopt;
      }
      if (totals && is942_) {
        if (auto error = flush_entry()) return error;
        stage_ = Stage::totals942;
        return transition(tag, value);
      }
      return out_of_order();
    case Stage::totals942:
      if (totals) {
        auto total = parse_declared_total(value);
        if (!total) return fail(":" + tag + ": " + total.error().message);
        summary_.set_declared_totals(tag == "90C", total->count, total->amount);
        return std::nullopt;
      }
      if (tag == "86") {
        stage_ = Stage::statement86;
        continue_ = Continue::statement86;
        return std::nullopt;
      }
      return out_of_order();
    case Stage::closed:
    case Stage::available:
    case Stage::forward:
      if (tag == "64" && stage_ == Stage::closed) {
        stage_ = Stage::available;
        return std::nullopt;
      }
      if (tag == "65") {
        stage_ = Stage::forward;
        return std::nullopt;
      }
      [[fallthrough]];
    case Stage::statement86:
      if (tag == "86") {
        stage_ = Stage::statement86;
        continue_ = Continue::statement86;
        return std::nullopt;
      }
      return out_of_order();
    case Stage::outside:
      break;
  }
  return out_of_order();
}

std::optional<Error> Mt940Reader::continuation(std::string_view text) {
  if (trim(text).empty()) return std::nullopt;
  switch (continue_) {
    case Continue::line61:
      pending_->supplementary.emplace_back(trim(text));
      return std::nullopt;
    case Continue::entry86:
      if (pending_->info.size() >= kMaxFieldLines) return fail(":86: is far too long");
      pending_->info.push_back({std::string(text), text.size(), false});
      return std::nullopt;
    case Continue::statement86:
      return std::nullopt;  // the bank's own summary: nothing a payment needs
    case Continue::none:
      break;
  }
  if (complete()) {
    // Text after a finished statement (ABN AMRO's example collection has prose between them).
    if (auto error = end_message(false)) return error;
    outside_text(trim(text));
    return std::nullopt;
  }
  return fail("text where " + std::string(expected_after(stage_)) + " was expected: '" +
              std::string(trim(text).substr(0, 40)) + "'");
}

std::optional<Error> Mt940Reader::end_message(bool at_end_of_file) {
  if (!complete()) {
    const std::string where = at_end_of_file ? "the file ends" : "the message ends";
    if (stage_ == Stage::header || stage_ == Stage::account || stage_ == Stage::number)
      return fail("statement " + statement_id() + " is cut off: " + where +
                  " before its opening balance (:60F:)");
    return fail("statement " + statement_id() + " is cut off: " + where +
                " before its closing balance (:62F:)");
  }
  if (auto error = flush_entry()) return error;
  summary_.end_statement();
  stage_ = Stage::outside;
  continue_ = Continue::none;
  return std::nullopt;
}

std::optional<Error> Mt940Reader::flush_entry() {
  if (!pending_) return std::nullopt;
  PendingEntry entry = std::move(*pending_);
  pending_.reset();
  const StatementLine& line = entry.line;
  const std::string where =
      "entry " + std::to_string(entry.number) + " (line " + std::to_string(entry.line_number) + ")";

  BankTransaction t;
  t.format = is942_ ? FileFormat::mt942 : FileFormat::mt940;
  t.account = account_;
  t.statement_id = statement_id();
  t.entry_index = entry.number - 1;
  t.provisional = is942_;
  t.status = "BOOK";
  t.amount_cents = line.amount;
  t.currency = currency_;
  t.credit = line.credit;
  t.booking_date = line.entry_date;
  t.value_date = line.value_date;
  t.bank_reference = line.bank_reference;

  InfoFields info = read_mt940_info(entry.info, line.customer_reference);
  // The customer reference: ASN/SNS put the counterparty IBAN there, old Rabobank files a fixed-
  // width counterparty account and name, ING a betalingskenmerk.
  const std::string reference = collapse_spaces(line.customer_reference);
  const std::size_t gap = line.customer_reference.find("  ");
  if (looks_like_iban(normalize_code(reference))) {
    if (info.counterparty_iban.empty()) info.counterparty_iban = normalize_code(reference);
  } else if (gap != std::string::npos &&
             account_like(trim(line.customer_reference.substr(0, gap)))) {
    if (info.counterparty_iban.empty())
      info.counterparty_iban = normalize_code(line.customer_reference.substr(0, gap));
    if (info.counterparty_name.empty())
      info.counterparty_name = collapse_spaces(line.customer_reference.substr(gap));
  } else if (info.structured_reference.empty() && reference.size() == 16 &&
             is_valid_betalingskenmerk(reference)) {
    info.structured_reference = reference;
  }
  // The :61: second line: Rabobank's counterparty account, ASN/SNS's counterparty name, ING's
  // /TRCD/ code, or a description.
  const std::string supplementary = collapse_spaces([&] {
    std::string joined;
    for (const std::string& s : entry.supplementary) joined += s + " ";
    return joined;
  }());
  std::string extra;
  if (!supplementary.empty() && supplementary[0] != '/') {
    if (account_like(normalize_code(supplementary)) &&
        supplementary.find(' ') == std::string::npos) {
      if (info.counterparty_iban.empty()) info.counterparty_iban = normalize_code(supplementary);
    } else if (looks_like_iban(normalize_code(reference)) && info.counterparty_name.empty()) {
      info.counterparty_name = supplementary;
    } else if (info.counterparty_name != supplementary) {
      extra = supplementary;
    }
  }
  t.counterparty_name = info.counterparty_name;
  t.counterparty_iban = info.counterparty_iban;
  t.end_to_end_id = info.end_to_end_id;
  t.mandate_id = info.mandate_id;
  t.structured_reference = info.structured_reference;
  t.remittance_text = info.remittance_text;
  t.return_reason = info.return_reason;
  t.reversal = line.reversal || info.returned || !info.return_reason.empty();
  t.batch_reference = info.batch_reference;
  t.batch_size = info.batch_size;
  ContentHash content;
  content.add(entry.raw);
  for (const std::string& s : entry.supplementary) content.add(s);
  for (const InfoLine& l : entry.info) content.add(l.text);
  const std::string all_info = join_info_text(entry.info);
  t.additional_info = collapse_spaces(extra.empty() ? all_info : extra + " " + all_info);

  if (line.customer_reference.empty())
    summary_.warn("reference", where + ": :61: has no customer reference (not even NONREF)");
  if (line.extra_zero_decimals)
    summary_.warn("decimals", where + ": amount written with more than two decimals");
  if (auto error = summary_.add_entry(t.credit, t.amount_cents, t.currency, true, content.value(),
                                      entry.number))
    return fail_entry(entry, error->message);
  if (t.amount_cents == 0) {
    summary_.warn("zero", where + ": amount 0.00, nothing to deliver");
    return std::nullopt;
  }
  summary_.add_transaction();
  each_(t);
  return std::nullopt;
}

}  // namespace

Result<FileSummary> read_mt940(ByteSource& source, const std::string& name,
                               const TransactionCallback& each) {
  Mt940Reader reader(source, name, each);
  return reader.run();
}

}  // namespace pinc::feeds
