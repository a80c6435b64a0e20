#include "feed_summary.hpp"

namespace pinc::feeds {

namespace {

constexpr std::size_t kShownPerKind = 5;

std::string money(Cents cents) {
  return format_cents_plain(cents);
}

}  // namespace

void WarningLog::add(std::string_view kind, std::string message) {
  auto found = kinds_.find(kind);
  if (found == kinds_.end()) {
    order_.emplace_back(kind);
    found = kinds_.emplace(std::string(kind), Kind{}).first;
  }
  if (found->second.shown.size() < kShownPerKind)
    found->second.shown.push_back(std::move(message));
  else
    ++found->second.more;
}

std::vector<std::string> WarningLog::lines() const {
  std::vector<std::string> out;
  for (const std::string& kind : order_) {
    const Kind& k = kinds_.find(kind)->second;
    out.insert(out.end(), k.shown.begin(), k.shown.end());
    if (k.more > 0)
      out.push_back("... and " + std::to_string(k.more) + " more like this (" + kind + ")");
  }
  return out;
}

void SummaryBuilder::begin_statement(std::string id) {
  if (open_) end_statement();
  open_ = true;
  id_ = std::move(id);
  ++summary_.statements;
  statement_entries_ = 0;
  opening_.reset();
  closing_.reset();
  balance_currency_.clear();
  booked_credits_ = booked_debits_ = 0;
  credit_count_ = debit_count_ = 0;
  declared_credits_.reset();
  declared_debits_.reset();
  run_length_ = 0;
}

void SummaryBuilder::set_opening(Cents signed_cents, std::string currency) {
  opening_ = signed_cents;
  if (balance_currency_.empty()) balance_currency_ = std::move(currency);
}

void SummaryBuilder::set_closing(Cents signed_cents, std::string currency) {
  closing_ = signed_cents;
  if (balance_currency_.empty()) balance_currency_ = std::move(currency);
}

void SummaryBuilder::set_declared_totals(bool credit, std::uint64_t count, Cents sum) {
  (credit ? declared_credits_ : declared_debits_) = std::make_pair(count, sum);
}

std::optional<Error> SummaryBuilder::add_entry(bool credit, Cents amount, std::string_view currency,
                                               bool booked, std::uint64_t content,
                                               std::uint64_t number) {
  FileTotals& totals = summary_.totals;
  ++totals.entries;
  ++statement_entries_;
  Cents& sum = credit ? totals.credits_cents : totals.debits_cents;
  const auto added = checked_add(sum, amount);
  if (!added) return make_error("", "the file's total amount overflows");
  sum = *added;
  ++(credit ? totals.credits : totals.debits);
  ++(credit ? credit_count_ : debit_count_);
  // Only entries in the balance's currency can move it; a foreign one is left out of the check.
  if (booked && (balance_currency_.empty() || currency == balance_currency_)) {
    Cents& booked_sum = credit ? booked_credits_ : booked_debits_;
    if (const auto b = checked_add(booked_sum, amount)) booked_sum = *b;
  }
  if (run_length_ > 0 && content == previous_content_) {
    ++run_length_;
  } else {
    close_twin_run();
    run_first_ = number;
    run_length_ = 1;
  }
  previous_content_ = content;
  return std::nullopt;
}

void SummaryBuilder::close_twin_run() {
  if (run_length_ >= 2)
    warn("twins", "statement " + id_ + ": entries " + std::to_string(run_first_) + " to " +
                      std::to_string(run_first_ + run_length_ - 1) +
                      " are identical twins (same date, amount and references); each is "
                      "delivered as a payment of its own");
  run_length_ = 0;
}

void SummaryBuilder::end_statement() {
  if (!open_) return;
  open_ = false;
  close_twin_run();
  if (statement_entries_ == 0) warn("empty", "statement " + id_ + " has no entries");
  bool reconciled = true;
  std::string why;
  if (opening_ && closing_) {
    const Cents expected = *opening_ + booked_credits_ - booked_debits_;
    if (expected != *closing_) {
      reconciled = false;
      why = "opening balance " + money(*opening_) + " + credits " + money(booked_credits_) +
            " - debits " + money(booked_debits_) + " = " + money(expected) +
            ", but the closing balance is " + money(*closing_) + " (difference " +
            money(*closing_ - expected) + ")";
    }
  }
  for (const bool credit : {false, true}) {
    const auto& declared = credit ? declared_credits_ : declared_debits_;
    if (!declared) continue;
    const std::uint64_t count = credit ? credit_count_ : debit_count_;
    const Cents sum = credit ? booked_credits_ : booked_debits_;
    if (declared->first != count || declared->second != sum) {
      reconciled = false;
      why = std::string("the bank's totals say ") + std::to_string(declared->first) +
            (credit ? " credits of " : " debits of ") + money(declared->second) +
            ", the entries give " + std::to_string(count) + " of " + money(sum);
    }
  }
  if (!reconciled) {
    summary_.unreconciled_statements.push_back(id_);
    warn("unreconciled", "statement " + id_ + " does not reconcile: " + why +
                             "; its entries are delivered all the same");
  }
}

FileSummary SummaryBuilder::finish() {
  end_statement();
  summary_.warnings = warnings_.lines();
  return summary_;
}

}  // namespace pinc::feeds
