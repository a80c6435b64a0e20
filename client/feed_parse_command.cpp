#include "feed_parse_command.hpp"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "bank_file.hpp"
#include "cli_support.hpp"
#include "money.hpp"

namespace pinc::cli {

namespace {

using feeds::BankTransaction;
using feeds::FileSummary;
using nlohmann::ordered_json;

struct ParseArgs {
  std::vector<std::string> files;
  bool json = false;
};

ordered_json date_json(const std::optional<Date>& date) {
  return date ? ordered_json(format_date(*date)) : ordered_json(nullptr);
}

ordered_json transaction_json(const BankTransaction& t) {
  return {{"format", feeds::to_string(t.format)},
          {"message_version", t.message_version},
          {"account", t.account},
          {"statement_id", t.statement_id},
          {"entry_index", t.entry_index},
          {"detail_index", t.detail_index},
          {"detail_count", t.detail_count},
          {"provisional", t.provisional},
          {"status", t.status},
          {"amount_cents", t.amount_cents},
          {"currency", t.currency},
          {"credit", t.credit},
          {"reversal", t.reversal},
          {"return_reason", t.return_reason},
          {"booking_date", date_json(t.booking_date)},
          {"value_date", date_json(t.value_date)},
          {"bank_reference", t.bank_reference},
          {"end_to_end_id", t.end_to_end_id},
          {"uetr", t.uetr},
          {"mandate_id", t.mandate_id},
          {"counterparty_name", t.counterparty_name},
          {"counterparty_iban", t.counterparty_iban},
          {"structured_reference", t.structured_reference},
          {"remittance_text", t.remittance_text},
          {"additional_info", t.additional_info},
          {"batch_reference", t.batch_reference},
          {"batch_size", t.batch_size}};
}

std::string dump(const ordered_json& object) {
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Text cut to `width` display columns (UTF-8 aware), padded with spaces.
std::string cell(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && columns == width) {
      // Mark the cut on the last column.
      std::size_t back = out.size();
      while (back > 0 && (static_cast<unsigned char>(out[back - 1]) & 0xC0) == 0x80) --back;
      if (back > 0) out.resize(back - 1);
      out += "~";
      return out;
    }
    if (starts_character) ++columns;
    out += text[i];
  }
  return out + std::string(width - columns, ' ');
}

void print_row(const BankTransaction& t) {
  const std::string booked =
      t.booking_date ? format_date(*t.booking_date)
                     : (t.value_date ? format_date(*t.value_date) : std::string(10, ' '));
  std::string amount = format_cents_plain(t.credit ? t.amount_cents : -t.amount_cents);
  if (amount.size() < 13) amount.insert(0, 13 - amount.size(), ' ');
  std::string entry = std::to_string(t.entry_index + 1);
  if (t.detail_count > 1)
    entry += "." + std::to_string(t.detail_index + 1) + "/" + std::to_string(t.detail_count);
  std::string flags = t.status == "BOOK" ? "" : t.status;
  if (t.reversal)
    flags += (flags.empty() ? "" : " ") + std::string("R") +
             (t.return_reason.empty() ? "" : " " + t.return_reason);
  const std::string reference = !t.structured_reference.empty() ? t.structured_reference
                                : !t.remittance_text.empty()    ? t.remittance_text
                                                                : t.additional_info;
  std::string line = cell(entry, 9) + " " + booked + " " + amount + " " + cell(t.currency, 3) +
                     " " + cell(t.counterparty_name, 24) + " " + cell(t.counterparty_iban, 22) +
                     " " + cell(reference, 34) + " " + flags;
  while (!line.empty() && line.back() == ' ') line.pop_back();
  std::puts(line.c_str());
}

void print_header() {
  const std::string line = cell("entry", 9) + " " + cell("booked", 10) + " " +
                           cell("       amount", 13) + " " + cell("ccy", 3) + " " +
                           cell("counterparty", 24) + " " + cell("account", 22) + " " +
                           cell("reference", 34) + " flags";
  std::puts(line.c_str());
}

ordered_json totals_json(const FileSummary& summary) {
  return {{"entries", summary.totals.entries},
          {"credits", summary.totals.credits},
          {"debits", summary.totals.debits},
          {"credits_cents", summary.totals.credits_cents},
          {"debits_cents", summary.totals.debits_cents}};
}

bool regular_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// One file: checked whole first when it can be read twice, so a file refused half-way prints
// nothing of itself; then printed. False (with the error on stderr) if it is refused.
bool parse_one(const std::string& path, bool json) {
  if (regular_file(path)) {
    auto checked = feeds::read_bank_file_at(path, [](const BankTransaction&) {});
    if (!checked) {
      std::fprintf(stderr, "pinc: %s\n", checked.error().to_string().c_str());
      return false;
    }
  }
  bool headed = false;
  auto head = [&] {
    if (json || headed) return;
    std::printf("%s\n", path.c_str());
    print_header();
    headed = true;
  };
  auto parsed = feeds::read_bank_file_at(path, [&](const BankTransaction& t) {
    head();
    if (json)
      std::puts(dump(transaction_json(t)).c_str());
    else
      print_row(t);
  });
  if (!parsed) {
    std::fflush(stdout);
    std::fprintf(stderr, "pinc: %s\n", parsed.error().to_string().c_str());
    return false;
  }
  const FileSummary& summary = *parsed;
  if (json) {
    // Standard output stays pure JSON; people watching the run see the warnings here too.
    for (const std::string& warning : summary.warnings)
      std::fprintf(stderr, "pinc: %s: warning: %s\n", path.c_str(), warning.c_str());
    ordered_json last = {{"totals", totals_json(summary)},
                         {"file", path},
                         {"format", feeds::to_string(summary.format)},
                         {"statements", summary.statements},
                         {"transactions", summary.transactions},
                         {"unreconciled_statements", summary.unreconciled_statements},
                         {"warnings", summary.warnings}};
    std::puts(dump(last).c_str());
    return true;
  }
  head();
  const feeds::FileTotals& totals = summary.totals;
  std::printf(
      "\n%s, %llu statement(s): %llu entries (%llu credits, %s; %llu debits, %s), %llu "
      "transactions\n",
      std::string(feeds::to_string(summary.format)).c_str(),
      static_cast<unsigned long long>(summary.statements),
      static_cast<unsigned long long>(totals.entries),
      static_cast<unsigned long long>(totals.credits),
      format_cents_plain(totals.credits_cents).c_str(),
      static_cast<unsigned long long>(totals.debits),
      format_cents_plain(totals.debits_cents).c_str(),
      static_cast<unsigned long long>(summary.transactions));
  for (const std::string& warning : summary.warnings) std::printf("warning: %s\n", warning.c_str());
  return true;
}

}  // namespace

CLI::App* add_feed_command(CLI::App& app) {
  // Whichever of the `feed` commands is registered first creates `feed`; the others join it.
  CLI::App* feed = nullptr;
  try {
    feed = app.get_subcommand("feed");
  } catch (const CLI::OptionNotFound&) {
    feed = app.add_subcommand("feed", "Bank statement files (camt.053/054/052, MT940/942)");
    feed->require_subcommand(1);
  }

  auto args = std::make_shared<ParseArgs>();
  CLI::App* parse = feed->add_subcommand(
      "parse", "Reads bank files offline and prints their transactions (no daemon needed)");
  parse->add_option("FILE", args->files, "camt.053/054/052 or MT940/MT942 files")->required();
  parse->add_flag("--json", args->json,
                  "One JSON object per transaction, then one with the file's totals");
  parse->callback([args] {
    std::size_t refused = 0;
    for (std::size_t i = 0; i < args->files.size(); ++i) {
      if (!args->json && i > 0) std::puts("");
      if (!parse_one(args->files[i], args->json)) ++refused;
    }
    std::fflush(stdout);
    if (refused > 0)
      throw CommandFailed(std::to_string(refused) + " of " + std::to_string(args->files.size()) +
                              " file(s) refused",
                          2);
  });
  return feed;
}

}  // namespace pinc::cli
