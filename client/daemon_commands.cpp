#include "daemon_commands.hpp"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "calendar.hpp"
#include "cli_support.hpp"
#include "connection.hpp"
#include "csv_reader.hpp"
#include "dossier_input.hpp"
#include "feed_commands.hpp"
#include "money.hpp"
#include "outbox_commands.hpp"
#include "pinc_client.hpp"
#include "references.hpp"
#include "views.hpp"

namespace pinc::cli {

namespace {

using nlohmann::json;
namespace s = schema;

std::int32_t day_number(Date date) {
  return static_cast<std::int32_t>(date.time_since_epoch().count());
}
std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

Date date_arg(const std::string& text, const std::string& flag) {
  return value_or_fail(parse_date(text, flag));
}

void print_summary(const json& summary) {
  std::printf("dossier %s: %s, open %s", std::to_string(summary["id"].get<std::uint64_t>()).c_str(),
              summary["stage"].get<std::string>().c_str(),
              format_euro_dutch(summary["open_cents"]).c_str());
  if (!summary["next_step"].get<std::string>().empty())
    std::printf(", next %s on %s", summary["next_step"].get<std::string>().c_str(),
                summary["next_date"].get<std::string>().c_str());
  std::puts("");
}

// --- dossier commands -----------------------------------------------------------------------

struct CommandArgs {
  std::uint64_t id = 0;
  bool json = false;
};

// Sends one command to a dossier and prints the dossier as it is after it.
void send_command(Connection& connection, const CommandArgs& args,
                  const std::function<void(s::Command::Builder)>& build) {
  rpc([&] {
    auto request = connection.op().commandRequest();
    request.setId(args.id);
    build(request.initCommand());
    request.setRequestId(random_id());
    request.setActor(operator_actor());
    auto response = request.send().wait(connection.wait());
    const json summary = summary_json(response.getDossier());
    if (args.json) {
      json out = summary;
      out["duplicate"] = response.getDuplicate();
      print_json(out);
    } else {
      print_summary(summary);
    }
    return 0;
  });
}

CLI::App* dossier_command(CLI::App& app, const char* name, const char* help,
                          std::shared_ptr<CommandArgs> args) {
  CLI::App* command = app.add_subcommand(name, help);
  command->add_option("ID", args->id, "dossier id")->required();
  command->add_flag("--json", args->json, "print one JSON object");
  return command;
}

void add_show_and_list(CLI::App& app, std::shared_ptr<Connection> connection) {
  auto show = std::make_shared<CommandArgs>();
  dossier_command(app, "show", "A dossier: state, ledger, schedule and history", show)
      ->callback([connection, show] {
        rpc([&] {
          auto request = connection->op().showRequest();
          request.setId(show->id);
          auto response = request.send().wait(connection->wait());
          if (show->json)
            print_json(detail_json(response.getDossier()));
          else
            print_detail(response.getDossier());
          return 0;
        });
      });

  struct ListArgs {
    std::string stage, creditor, due_from, due_to;
    std::uint64_t after = 0;
    std::uint32_t limit = 50;
    bool all = false, json = false;
  };
  auto list = std::make_shared<ListArgs>();
  CLI::App* list_cmd = app.add_subcommand("list", "Dossiers, filtered and paged");
  list_cmd->add_option("--stage", list->stage, "a stage or side state (reminder, promised, ...)");
  list_cmd->add_option("--creditor", list->creditor, "a creditor id");
  list_cmd->add_option("--due-from", list->due_from, "latest due date on or after YYYY-MM-DD");
  list_cmd->add_option("--due-to", list->due_to, "latest due date on or before YYYY-MM-DD");
  list_cmd->add_option("--after", list->after, "start after this dossier id (paging)");
  list_cmd->add_option("--limit", list->limit, "rows per page (default 50, at most 1000)");
  list_cmd->add_flag("--all", list->all, "every page");
  list_cmd->add_flag("--json", list->json, "one JSON object per line");
  list_cmd->callback([connection, list] {
    rpc([&] {
      std::uint64_t after = list->after;
      std::vector<std::vector<std::string>> rows;
      for (;;) {
        auto request = connection->op().listRequest();
        auto filter = request.initFilter();
        filter.setStage(list->stage);
        filter.setCreditor(list->creditor);
        if (!list->due_from.empty())
          filter.setDueFrom(day_number(date_arg(list->due_from, "--due-from")));
        if (!list->due_to.empty()) filter.setDueTo(day_number(date_arg(list->due_to, "--due-to")));
        request.setAfterId(after);
        request.setLimit(list->limit);
        auto response = request.send().wait(connection->wait());
        for (auto row : response.getRows()) {
          const json summary = summary_json(row);
          if (list->json) {
            std::puts(summary.dump().c_str());
          } else {
            rows.push_back({std::to_string(summary["id"].get<std::uint64_t>()), summary["creditor"],
                            summary["debtor_name"], summary["stage"],
                            format_euro_dutch(summary["open_cents"]), summary["next_step"],
                            summary["next_date"]});
          }
        }
        after = response.getNextAfter();
        if (!response.getMore() || (!list->all && response.getRows().size() >= list->limit)) {
          if (!list->json && response.getMore() && !list->all)
            std::fprintf(stderr, "more: pinc list --after %llu\n",
                         static_cast<unsigned long long>(after));
          break;
        }
      }
      if (!list->json)
        print_table({"id", "creditor", "debtor", "stage", "open", "next", "on"}, rows);
      return 0;
    });
  });
}

void add_dossier_commands(CLI::App& app, std::shared_ptr<Connection> connection) {
  struct PayArgs : CommandArgs {
    std::string amount, date, invoice, payment_id;
  };
  auto pay = std::make_shared<PayArgs>();
  CLI::App* pay_cmd = dossier_command(app, "pay", "Books a payment by hand", pay);
  pay_cmd->add_option("AMOUNT", pay->amount, "amount: 1.234,56 or 1234.56")->required();
  pay_cmd->add_option("--date", pay->date, "credited on YYYY-MM-DD (default: today)");
  pay_cmd->add_option("--invoice", pay->invoice, "the invoice the debtor said it pays");
  pay_cmd->add_option("--payment-id", pay->payment_id, "the payment's own id (default: new)");
  pay_cmd->callback([connection, pay] {
    if (!pay->amount.empty() && pay->amount.front() == '-')
      throw CommandFailed(
          "AMOUNT: '" + pay->amount + "' is negative (a payment must be more than 0)", 2);
    const Cents amount = value_or_fail(parse_amount(pay->amount, "AMOUNT"));
    if (amount == 0) throw CommandFailed("AMOUNT: must be more than 0", 2);
    std::int32_t date = 0;  // 0: the engine's today
    if (!pay->date.empty()) date = day_number(date_arg(pay->date, "--date"));
    send_command(*connection, *pay, [&](s::Command::Builder command) {
      auto p = command.initPay();
      p.setPaymentId(pay->payment_id.empty() ? "manual:" + random_id() : pay->payment_id);
      p.setAmountCents(amount);
      p.setDate(date);
      p.setInvoice(pay->invoice);
    });
  });

  struct PromiseArgs : CommandArgs {
    std::string by, amount;
  };
  auto promise = std::make_shared<PromiseArgs>();
  CLI::App* promise_cmd =
      dossier_command(app, "promise", "The debtor promises to pay by a date", promise);
  promise_cmd->add_option("--by", promise->by, "YYYY-MM-DD")->required();
  promise_cmd->add_option("--amount", promise->amount, "amount promised (default: all open)");
  promise_cmd->callback([connection, promise] {
    const Date by = date_arg(promise->by, "--by");
    Cents amount = 0;
    if (!promise->amount.empty()) amount = value_or_fail(parse_amount(promise->amount, "--amount"));
    send_command(*connection, *promise, [&](s::Command::Builder command) {
      auto p = command.initPromise();
      p.setBy(day_number(by));
      p.setAmountCents(amount);
    });
  });

  struct ArrangeArgs : CommandArgs {
    unsigned installments = 0;
    std::string first, every = "1m";
  };
  auto arrange = std::make_shared<ArrangeArgs>();
  CLI::App* arrange_cmd =
      dossier_command(app, "arrange", "A payment arrangement in installments", arrange);
  arrange_cmd->add_option("--installments", arrange->installments, "number of installments")
      ->required();
  arrange_cmd->add_option("--first", arrange->first, "first installment due YYYY-MM-DD")
      ->required();
  arrange_cmd->add_option("--every", arrange->every, "interval: 1m, 2w, 14d (default 1m)");
  arrange_cmd->callback([connection, arrange] {
    const Date first = date_arg(arrange->first, "--first");
    value_or_fail(parse_interval(arrange->every, "--every"));
    send_command(*connection, *arrange, [&](s::Command::Builder command) {
      auto a = command.initArrange();
      a.setInstallments(arrange->installments);
      a.setFirst(day_number(first));
      a.setEvery(arrange->every);
    });
  });

  struct ReasonArgs : CommandArgs {
    std::string reason;
  };
  auto dispute = std::make_shared<ReasonArgs>();
  CLI::App* dispute_cmd = dossier_command(app, "dispute", "The debtor contests the claim", dispute);
  dispute_cmd->add_option("--reason", dispute->reason, "what the debtor says")->required();
  dispute_cmd->callback([connection, dispute] {
    send_command(*connection, *dispute,
                 [&](s::Command::Builder command) { command.setDispute(dispute->reason); });
  });

  struct ResolveArgs : CommandArgs {
    bool upheld = false, rejected = false;
    std::string amount;
  };
  auto resolve = std::make_shared<ResolveArgs>();
  CLI::App* resolve_cmd = dossier_command(app, "resolve", "Resolves a dispute", resolve);
  auto* upheld =
      resolve_cmd->add_flag("--upheld", resolve->upheld, "the debtor is right: withdraw");
  auto* rejected =
      resolve_cmd->add_flag("--rejected", resolve->rejected, "the claim stands: resume");
  upheld->excludes(rejected);
  resolve_cmd->add_option("--amount", resolve->amount,
                          "with --upheld: the principal corrected to (the flow resumes on it)");
  resolve_cmd->callback([connection, resolve] {
    if (!resolve->upheld && !resolve->rejected)
      throw CommandFailed("resolve: give --upheld or --rejected", 2);
    Cents corrected = -1;
    if (!resolve->amount.empty())
      corrected = value_or_fail(parse_amount(resolve->amount, "--amount"));
    send_command(*connection, *resolve, [&](s::Command::Builder command) {
      auto r = command.initResolve();
      r.setUpheld(resolve->upheld);
      r.setCorrectedPrincipalCents(corrected);
    });
  });

  struct PauseArgs : CommandArgs {
    std::string until;
  };
  auto pause = std::make_shared<PauseArgs>();
  CLI::App* pause_cmd = dossier_command(app, "pause", "Holds the flow until a date", pause);
  pause_cmd->add_option("--until", pause->until, "YYYY-MM-DD")->required();
  pause_cmd->callback([connection, pause] {
    const Date until = date_arg(pause->until, "--until");
    send_command(*connection, *pause,
                 [&](s::Command::Builder command) { command.setPause(day_number(until)); });
  });

  auto resume = std::make_shared<CommandArgs>();
  dossier_command(app, "resume", "Ends a pause", resume)->callback([connection, resume] {
    send_command(*connection, *resume, [](s::Command::Builder command) { command.setResume(); });
  });

  auto withdraw = std::make_shared<ReasonArgs>();
  dossier_command(app, "withdraw", "The creditor takes the case back", withdraw)
      ->add_option("--reason", withdraw->reason, "why");
  app.get_subcommand("withdraw")->callback([connection, withdraw] {
    send_command(*connection, *withdraw,
                 [&](s::Command::Builder command) { command.setWithdraw(withdraw->reason); });
  });

  auto writeoff = std::make_shared<ReasonArgs>();
  dossier_command(app, "writeoff", "Gives the claim up", writeoff)
      ->add_option("--reason", writeoff->reason, "why");
  app.get_subcommand("writeoff")->callback([connection, writeoff] {
    send_command(*connection, *writeoff,
                 [&](s::Command::Builder command) { command.setWriteOff(writeoff->reason); });
  });

  struct NoteArgs : CommandArgs {
    std::string text;
  };
  auto note = std::make_shared<NoteArgs>();
  dossier_command(app, "note", "Adds a note to the history", note)
      ->add_option("TEXT", note->text, "the note")
      ->required();
  app.get_subcommand("note")->callback([connection, note] {
    send_command(*connection, *note,
                 [&](s::Command::Builder command) { command.setNote(note->text); });
  });

  // call next | call log ID OUTCOME
  CLI::App* call = app.add_subcommand("call", "Operators' call tasks");
  call->require_subcommand(1);
  auto next_json = std::make_shared<bool>(false);
  CLI::App* next = call->add_subcommand("next", "The open call task due first");
  next->add_flag("--json", *next_json, "print one JSON object");
  next->callback([connection, next_json] {
    rpc([&] {
      auto response = connection->op().callNextRequest().send().wait(connection->wait());
      if (!response.getFound()) {
        if (*next_json)
          print_json({{"found", false}});
        else
          std::puts("no open call task");
        return 0;
      }
      json out = summary_json(response.getDossier());
      out["found"] = true;
      out["call_due"] = day_text(response.getDue());
      if (*next_json)
        print_json(out);
      else
        std::printf("call %s (%s) for dossier %llu, due %s, open %s\n",
                    out["debtor_name"].get<std::string>().c_str(),
                    out["debtor_ref"].get<std::string>().c_str(),
                    static_cast<unsigned long long>(out["id"].get<std::uint64_t>()),
                    out["call_due"].get<std::string>().c_str(),
                    format_euro_dutch(out["open_cents"]).c_str());
      return 0;
    });
  });
  struct LogArgs : CommandArgs {
    std::string outcome, note;
  };
  auto log = std::make_shared<LogArgs>();
  CLI::App* log_cmd = dossier_command(*call, "log", "Records how a call went", log);
  log_cmd
      ->add_option("OUTCOME", log->outcome,
                   "reached, promise, arrangement_asked, dispute, no_answer, wrong_number")
      ->required();
  log_cmd->add_option("--note", log->note, "what was said");
  log_cmd->callback([connection, log] {
    const CallOutcome outcome = value_or_fail(parse_call_outcome(log->outcome, "OUTCOME"));
    send_command(*connection, *log, [&](s::Command::Builder command) {
      auto c = command.initCallLog();
      c.setOutcome(static_cast<s::CallOutcome>(outcome));
      c.setNote(log->note);
    });
  });
}

// --- import and open ------------------------------------------------------------------------

constexpr const char* kColumns[] = {
    "creditor", "debtor_ref", "debtor_name", "debtor_kind", "email",        "phone",    "street",
    "postcode", "city",       "country",     "invoice",     "invoice_date", "due_date", "amount"};
constexpr std::size_t kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

struct ImportTotals {
  std::size_t accepted = 0, duplicates = 0, rejected = 0;
  std::vector<std::pair<std::size_t, std::string>> errors;
};

void fill_row(s::ImportRow::Builder row, std::size_t line, const std::vector<std::string>& f) {
  row.setLine(static_cast<std::uint32_t>(line));
  row.setCreditor(f[0]);
  row.setDebtorRef(f[1]);
  row.setDebtorName(f[2]);
  row.setDebtorKind(f[3]);
  row.setEmail(f[4]);
  row.setPhone(f[5]);
  row.setStreet(f[6]);
  row.setPostcode(f[7]);
  row.setCity(f[8]);
  row.setCountry(f[9]);
  row.setInvoice(f[10]);
  row.setInvoiceDate(f[11]);
  row.setDueDate(f[12]);
  row.setAmount(f[13]);
}

void count_results(capnp::List<s::RowResult>::Reader results, ImportTotals& totals) {
  for (auto result : results) {
    if (result.getAccepted()) {
      ++totals.accepted;
      if (result.getDuplicate()) ++totals.duplicates;
    } else {
      ++totals.rejected;
      totals.errors.emplace_back(result.getLine(), text(result.getError()));
    }
  }
}

ImportTotals import_file(Connection& connection, const std::string& path, bool progress) {
  CsvReader reader(path);
  if (!reader.ok()) throw CommandFailed("FILE: cannot read '" + path + "'", 2);
  std::error_code ignored;
  const auto file_size = std::filesystem::file_size(path, ignored);
  std::vector<std::string> fields;
  std::size_t line = 0;
  if (!reader.next(fields, line)) throw CommandFailed("FILE: '" + path + "' is empty", 2);
  for (std::size_t i = 0; i < kColumnCount; ++i)
    if (fields.size() != kColumnCount || fields[i] != kColumns[i])
      throw CommandFailed(
          "FILE: line 1 must be the header: creditor,debtor_ref,debtor_name,"
          "debtor_kind,email,phone,street,postcode,city,country,invoice,"
          "invoice_date,due_date,amount",
          2);
  ImportTotals totals;
  return rpc([&] {
    auto sink = connection.op().importRequest().send().wait(connection.wait()).getSink();
    constexpr std::size_t kChunk = 1000, kInFlight = 4;
    std::deque<kj::Promise<capnp::Response<s::ImportSink::AddResults>>> in_flight;
    std::vector<std::pair<std::size_t, std::vector<std::string>>> chunk;
    auto flush = [&] {
      if (chunk.empty()) return;
      auto request = sink.addRequest();
      auto rows = request.initRows(static_cast<unsigned>(chunk.size()));
      for (unsigned i = 0; i < chunk.size(); ++i)
        fill_row(rows[i], chunk[i].first, chunk[i].second);
      in_flight.push_back(request.send());
      chunk.clear();
      while (in_flight.size() >= kInFlight) {
        count_results(in_flight.front().wait(connection.wait()).getResults(), totals);
        in_flight.pop_front();
      }
    };
    std::size_t rows_read = 0;
    while (reader.next(fields, line)) {
      ++rows_read;
      if (fields.size() != kColumnCount) {
        ++totals.rejected;
        totals.errors.emplace_back(line, "has " + std::to_string(fields.size()) + " fields, not " +
                                             std::to_string(kColumnCount));
        continue;
      }
      chunk.emplace_back(line, fields);
      if (chunk.size() == kChunk) {
        flush();
        if (progress && file_size > 0)
          std::fprintf(stderr, "\rimporting %s: %3d%%  %zu rows", path.c_str(),
                       static_cast<int>(100.0 * reader.bytes_read() / file_size), rows_read);
      }
    }
    flush();
    while (!in_flight.empty()) {
      count_results(in_flight.front().wait(connection.wait()).getResults(), totals);
      in_flight.pop_front();
    }
    if (progress)
      std::fprintf(stderr, "\rimporting %s: 100%%  %zu rows\n", path.c_str(), rows_read);
    return totals;
  });
}

void add_import_and_open(CLI::App& app, std::shared_ptr<Connection> connection) {
  struct ImportArgs {
    std::string file;
    bool json = false;
  };
  auto args = std::make_shared<ImportArgs>();
  CLI::App* import_cmd =
      app.add_subcommand("import", "Opens dossiers from a CSV file (one row per invoice)");
  import_cmd->add_option("FILE", args->file, "the CSV file")->required();
  import_cmd->add_flag("--json", args->json, "print one JSON object");
  import_cmd->callback([connection, args] {
    ImportTotals totals = import_file(*connection, args->file, isatty(2) && !args->json);
    std::sort(totals.errors.begin(), totals.errors.end());
    if (args->json) {
      json errors = json::array();
      for (const auto& [line, error] : totals.errors)
        errors.push_back({{"line", line}, {"error", error}});
      print_json({{"accepted", totals.accepted},
                  {"duplicates", totals.duplicates},
                  {"rejected", totals.rejected},
                  {"errors", errors}});
      return;
    }
    for (const auto& [line, error] : totals.errors)
      std::printf("line %zu: %s\n", line, error.c_str());
    std::printf("accepted %zu (of which %zu already known), rejected %zu\n", totals.accepted,
                totals.duplicates, totals.rejected);
  });

  struct OpenArgs {
    std::vector<std::string> fields = std::vector<std::string>(kColumnCount);
    bool json = false;
  };
  auto open = std::make_shared<OpenArgs>();
  CLI::App* open_cmd = app.add_subcommand("open", "Opens one dossier (or adds an invoice to it)");
  const char* flags[] = {"--creditor", "--debtor-ref",   "--name",     "--kind",  "--email",
                         "--phone",    "--street",       "--postcode", "--city",  "--country",
                         "--invoice",  "--invoice-date", "--due",      "--amount"};
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    auto* option = open_cmd->add_option(flags[i], open->fields[i], kColumns[i]);
    if (i < 4 || i >= 10) option->required();
  }
  open_cmd->add_flag("--json", open->json, "print one JSON object");
  open_cmd->callback([connection, open] {
    rpc([&] {
      auto sink = connection->op().importRequest().send().wait(connection->wait()).getSink();
      auto request = sink.addRequest();
      fill_row(request.initRows(1)[0], 1, open->fields);
      auto result = request.send().wait(connection->wait()).getResults()[0];
      if (!result.getAccepted()) throw CommandFailed(text(result.getError()), 1);
      if (open->json)
        print_json({{"id", result.getDossier()}, {"duplicate", result.getDuplicate()}});
      else
        std::printf("dossier %llu%s\n", static_cast<unsigned long long>(result.getDossier()),
                    result.getDuplicate() ? " (invoice already known)" : "");
      return 0;
    });
  });
}  // namespace

// --- admin: creditors and clock --------------------------------------------------------------

json creditor_json(s::Creditor::Reader creditor) {
  return {{"id", text(creditor.getId())},
          {"name", text(creditor.getName())},
          {"iban", text(creditor.getIban())},
          {"strategy", text(creditor.getStrategyName())},
          {"vat_percent_hundredths", creditor.getVatPercentHundredths()},
          {"email", text(creditor.getEmail())},
          {"business_admin_costs_cents", creditor.getBusinessAdminCostsCents()}};
}

void add_admin_commands(CLI::App& app, std::shared_ptr<Connection> connection) {
  CLI::App* creditor = app.add_subcommand("creditor", "The agency's clients (admin)");
  creditor->require_subcommand(1);
  struct AddArgs {
    std::string id, name, iban, strategy, vat, admin_costs, email, street, postcode, city, country;
    bool json = false;
  };
  auto add = std::make_shared<AddArgs>();
  CLI::App* add_cmd = creditor->add_subcommand("add", "Adds or replaces a creditor");
  add_cmd->add_option("ID", add->id, "creditor id")->required();
  add_cmd->add_option("--name", add->name, "name")->required();
  add_cmd->add_option("--iban", add->iban, "IBAN debtors pay to")->required();
  add_cmd->add_option("--strategy", add->strategy,
                      "strategy file (TOML); default strategy if none");
  add_cmd->add_option("--vat", add->vat, "raise statutory costs by this VAT % (cannot deduct VAT)");
  add_cmd->add_option("--admin-costs", add->admin_costs,
                      "administration costs (euro) for the first letter to a business debtor, "
                      "where the creditor's terms allow them; never charged to consumers");
  add_cmd->add_option("--email", add->email, "where hand-over notices are e-mailed");
  add_cmd->add_option("--street", add->street, "postal address for hand-over notices");
  add_cmd->add_option("--postcode", add->postcode, "postcode");
  add_cmd->add_option("--city", add->city, "city");
  add_cmd->add_option("--country", add->country, "country code (default NL)");
  add_cmd->add_flag("--json", add->json, "print one JSON object");
  add_cmd->callback([connection, add] {
    value_or_fail(normalize_iban(add->iban, "--iban"));
    std::string strategy;
    if (!add->strategy.empty()) strategy = read_file(add->strategy, "--strategy");
    std::int32_t vat = 0;
    if (!add->vat.empty())
      vat = static_cast<std::int32_t>(value_or_fail(parse_decimal_scaled(add->vat, 2, "--vat")));
    Cents admin_costs = 0;
    if (!add->admin_costs.empty())
      admin_costs = value_or_fail(parse_amount(add->admin_costs, "--admin-costs"));
    rpc([&] {
      auto request = connection->admin().creditorAddRequest();
      auto c = request.initCreditor();
      c.setId(add->id);
      c.setName(add->name);
      c.setIban(add->iban);
      c.setStrategyToml(strategy);
      c.setVatPercentHundredths(vat);
      c.setEmail(add->email);
      c.setBusinessAdminCostsCents(admin_costs);
      auto address = c.initAddress();
      address.setStreet(add->street);
      address.setPostcode(add->postcode);
      address.setCity(add->city);
      address.setCountry(add->country.empty() ? "NL" : add->country);
      request.send().wait(connection->wait());
      if (add->json)
        print_json({{"id", add->id}, {"added", true}});
      else
        std::printf("creditor %s added\n", add->id.c_str());
      return 0;
    });
  });
  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = creditor->add_subcommand("list", "Every creditor");
  list->add_flag("--json", *list_json, "print a JSON array");
  list->callback([connection, list_json] {
    rpc([&] {
      auto response = connection->admin().creditorListRequest().send().wait(connection->wait());
      json all = json::array();
      std::vector<std::vector<std::string>> rows;
      for (auto c : response.getCreditors()) {
        all.push_back(creditor_json(c));
        rows.push_back(
            {text(c.getId()), text(c.getName()), text(c.getIban()), text(c.getStrategyName())});
      }
      if (*list_json)
        print_json(all);
      else
        print_table({"id", "name", "iban", "strategy"}, rows);
      return 0;
    });
  });
  struct ShowArgs {
    std::string id;
    bool json = false;
  };
  auto show = std::make_shared<ShowArgs>();
  CLI::App* show_cmd = creditor->add_subcommand("show", "One creditor");
  show_cmd->add_option("ID", show->id, "creditor id")->required();
  show_cmd->add_flag("--json", show->json, "print one JSON object");
  show_cmd->callback([connection, show] {
    rpc([&] {
      auto request = connection->admin().creditorShowRequest();
      request.setId(show->id);
      auto c = request.send().wait(connection->wait()).getCreditor();
      if (show->json) {
        print_json(creditor_json(c));
      } else {
        print_table({"", ""}, {{"id", text(c.getId())},
                               {"name", text(c.getName())},
                               {"iban", text(c.getIban())},
                               {"strategy", text(c.getStrategyName())}});
      }
      return 0;
    });
  });

  CLI::App* clock =
      app.add_subcommand("clock", "The engine's clock (admin; advance/set: sim clock)");
  clock->require_subcommand(1);
  auto clock_json = std::make_shared<bool>(false);
  auto print_day = [clock_json](std::int32_t today, bool simulated) {
    if (*clock_json)
      print_json({{"today", day_text(today)}, {"simulated", simulated}});
    else
      std::printf("%s (%s clock)\n", day_text(today).c_str(), simulated ? "simulated" : "wall");
  };
  CLI::App* show_clock = clock->add_subcommand("show", "Today, as the engine sees it");
  show_clock->add_flag("--json", *clock_json, "print one JSON object");
  show_clock->callback([connection, print_day] {
    rpc([&] {
      auto response = connection->admin().clockShowRequest().send().wait(connection->wait());
      print_day(response.getToday(), response.getSimulated());
      return 0;
    });
  });
  auto duration = std::make_shared<std::string>();
  CLI::App* advance = clock->add_subcommand(
      "advance", "Moves the simulated clock forward; returns when every due timer is processed");
  advance->add_option("DURATION", *duration, "14d, 2w, 1m or a number of days")->required();
  advance->add_flag("--json", *clock_json, "print one JSON object");
  advance->callback([connection, duration, print_day] {
    rpc([&] {
      auto admin = connection->admin();
      auto shown = admin.clockShowRequest().send().wait(connection->wait());
      const Date today = Date{Days{shown.getToday()}};
      std::string text_duration = *duration;
      if (!text_duration.empty() && std::isdigit(static_cast<unsigned char>(text_duration.back())))
        text_duration += "d";
      const Interval interval = value_or_fail(parse_interval(text_duration, "DURATION"));
      const int days = days_between(today, add_interval(today, interval, 1));
      auto request = admin.clockAdvanceRequest();
      request.setDays(static_cast<std::uint32_t>(days));
      auto response = request.send().wait(connection->wait());
      print_day(response.getToday(), true);
      return 0;
    });
  });
  auto set_date = std::make_shared<std::string>();
  CLI::App* set = clock->add_subcommand("set", "Moves the simulated clock forward to a date");
  set->add_option("DATE", *set_date, "YYYY-MM-DD")->required();
  set->add_flag("--json", *clock_json, "print one JSON object");
  set->callback([connection, set_date, print_day] {
    const Date target = date_arg(*set_date, "DATE");
    rpc([&] {
      auto request = connection->admin().clockSetRequest();
      request.setDay(day_number(target));
      auto response = request.send().wait(connection->wait());
      print_day(response.getToday(), true);
      return 0;
    });
  });

  auto stats_json = std::make_shared<bool>(false);
  CLI::App* stats = app.add_subcommand("stats", "Dossiers and open amounts per stage");
  stats->add_flag("--json", *stats_json, "one JSON object keyed by stage");
  stats->callback([connection, stats_json] {
    rpc([&] {
      auto response = connection->op().statsRequest().send().wait(connection->wait());
      json out = json::object();
      std::vector<std::vector<std::string>> rows;
      std::uint64_t total = 0;
      Cents open = 0;
      for (auto stage : response.getStages()) {
        out[text(stage.getStage())] = {{"dossiers", stage.getDossiers()},
                                       {"open_cents", stage.getOpenCents()}};
        rows.push_back({text(stage.getStage()), std::to_string(stage.getDossiers()),
                        format_euro_dutch(stage.getOpenCents())});
        total += stage.getDossiers();
        open += stage.getOpenCents();
      }
      rows.push_back({"total", std::to_string(total), format_euro_dutch(open)});
      if (*stats_json)
        print_json(out);
      else
        print_table({"stage", "dossiers", "open"}, rows);
      return 0;
    });
  });
}

}  // namespace

void add_daemon_commands(CLI::App& app) {
  auto connection = std::make_shared<Connection>();
  app.add_option("--connect", connection->address,
                 "pincd's HOST:PORT (default PINC_CONNECT or 127.0.0.1:7420)");
  app.add_option("--token", connection->token, "access token (default PINC_TOKEN)");
  add_show_and_list(app, connection);
  add_dossier_commands(app, connection);
  add_import_and_open(app, connection);
  add_admin_commands(app, connection);
  add_feed_commands(app, connection);
  add_outbox_commands(app, connection);
}

}  // namespace pinc::cli
