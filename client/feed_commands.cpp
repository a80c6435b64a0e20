#include "feed_commands.hpp"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>

#include "money.hpp"
#include "views.hpp"

namespace pinc::cli {

namespace {

using nlohmann::json;
namespace s = schema;

std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

json text_list(capnp::List<capnp::Text>::Reader list) {
  json out = json::array();
  for (auto item : list) out.push_back(text(item));
  return out;
}

json feed_summary_json(s::FeedSummary::Reader summary) {
  return {{"statements", summary.getStatements()},
          {"entries", summary.getEntries()},
          {"transactions", summary.getTransactions()},
          {"matched", summary.getMatched()},
          {"unmatched", summary.getUnmatched()},
          {"duplicates", summary.getDuplicates()},
          {"ignored", summary.getIgnored()},
          {"reversed", summary.getReversed()},
          {"rejected", summary.getRejected()},
          {"warnings", text_list(summary.getWarnings())},
          {"unreconciled", text_list(summary.getUnreconciled())}};
}

// Streams one file to pincd in chunks, a few in flight, and returns pincd's summary.
json push_file(Connection& connection, const std::string& path, bool progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandFailed(path + ": cannot read the file", 2);
  std::error_code ignored;
  const auto size = std::filesystem::file_size(path, ignored);
  const std::string name = std::filesystem::path(path).filename().string();
  auto request = connection.feed().uploadRequest();
  request.setName(name);
  auto upload = request.send().wait(connection.wait()).getUpload();

  constexpr std::size_t kChunk = 256 * 1024, kInFlight = 4;
  std::deque<kj::Promise<capnp::Response<s::FileUpload::WriteResults>>> in_flight;
  std::vector<char> buffer(kChunk);
  std::uint64_t sent = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto read = static_cast<std::size_t>(in.gcount());
    if (read == 0) break;
    auto write = upload.writeRequest();
    write.setBytes(kj::arrayPtr(reinterpret_cast<const kj::byte*>(buffer.data()), read));
    in_flight.push_back(write.send());
    sent += read;
    while (in_flight.size() >= kInFlight) {
      in_flight.front().wait(connection.wait());
      in_flight.pop_front();
    }
    if (progress && size > 0)
      std::fprintf(stderr, "\rpushing %s: %3d%%", name.c_str(),
                   static_cast<int>(100.0 * sent / size));
  }
  while (!in_flight.empty()) {
    in_flight.front().wait(connection.wait());
    in_flight.pop_front();
  }
  if (progress) std::fprintf(stderr, "\rpushing %s: 100%%, applying...\n", name.c_str());
  auto finished = upload.finishRequest().send().wait(connection.wait());
  json out = feed_summary_json(finished.getSummary());
  out["file"] = path;
  return out;
}

void print_push(const json& result) {
  std::printf(
      "%s: %llu entries, %llu transactions: %llu matched, %llu unmatched, %llu duplicates, "
      "%llu ignored, %llu reversed\n",
      result["file"].get<std::string>().c_str(),
      static_cast<unsigned long long>(result["entries"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["transactions"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["matched"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["unmatched"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["duplicates"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["ignored"].get<std::uint64_t>()),
      static_cast<unsigned long long>(result["reversed"].get<std::uint64_t>()));
  for (const auto& warning : result["warnings"])
    std::printf("  warning: %s\n", warning.get<std::string>().c_str());
  for (const auto& statement : result["unreconciled"])
    std::printf("  statement %s does not reconcile: an operator should look at it\n",
                statement.get<std::string>().c_str());
}

json unmatched_json(s::UnmatchedPayment::Reader row) {
  auto t = row.getTransaction();
  json out = {{"id", row.getId()},
              {"received", day_text(row.getReceived())},
              {"reason", text(row.getReason())},
              {"source", text(row.getSource())},
              {"amount_cents", t.getAmountCents()},
              {"currency", text(t.getCurrency())},
              {"credit", t.getCredit()},
              {"reversal", t.getReversal()},
              {"booking_date", day_text(t.getBookingDate())},
              {"counterparty_name", text(t.getCounterpartyName())},
              {"counterparty_iban", text(t.getCounterpartyIban())},
              {"structured_reference", text(t.getStructuredReference())},
              {"remittance_text", text(t.getRemittanceText())},
              {"end_to_end_id", text(t.getEndToEndId())},
              {"account", text(t.getAccount())}};
  if (row.getSuggestedDossier() != 0) {
    out["suggested_dossier"] = row.getSuggestedDossier();
    out["suggested_rule"] = text(row.getSuggestedRule());
    out["confidence"] = row.getConfidence();
  }
  if (row.getIgnored()) out["ignored"] = text(row.getIgnoreReason());
  return out;
}

void add_push(CLI::App& feed, std::shared_ptr<Connection> connection) {
  struct PushArgs {
    std::vector<std::string> files;
    bool json = false;
  };
  auto args = std::make_shared<PushArgs>();
  CLI::App* push = feed.add_subcommand(
      "push", "Sends bank statements (camt.053/054, MT940/942) to pincd, which applies them");
  push->add_option("FILE", args->files, "statement files")->required();
  push->add_flag("--json", args->json, "print one JSON object per file");
  push->callback([connection, args] {
    int failed = 0;
    for (const std::string& path : args->files) {
      try {
        const json result =
            rpc([&] { return push_file(*connection, path, isatty(2) && !args->json); });
        if (args->json)
          std::puts(result.dump().c_str());
        else
          print_push(result);
      } catch (const CommandFailed& refused) {
        // One refused file does not stop the others.
        std::fprintf(stderr, "pinc: %s: %s\n", path.c_str(), refused.what());
        ++failed;
      }
    }
    if (failed > 0)
      throw CommandFailed(std::to_string(failed) + " of " + std::to_string(args->files.size()) +
                              " files refused; nothing of them was applied",
                          1);
  });
}

void add_unmatched(CLI::App& app, std::shared_ptr<Connection> connection) {
  CLI::App* unmatched =
      app.add_subcommand("unmatched", "Bank credits pinc could not apply by itself");
  unmatched->require_subcommand(1);

  struct ListArgs {
    std::uint64_t after = 0;
    std::uint32_t limit = 50;
    bool all = false, ignored = false, json = false;
  };
  auto list = std::make_shared<ListArgs>();
  CLI::App* list_cmd = unmatched->add_subcommand("list", "The credits waiting, oldest first");
  list_cmd->add_option("--after", list->after, "start after this id (paging)");
  list_cmd->add_option("--limit", list->limit, "rows per page (default 50, at most 1000)");
  list_cmd->add_flag("--all", list->all, "every page");
  list_cmd->add_flag("--ignored", list->ignored, "the ones set aside instead");
  list_cmd->add_flag("--json", list->json, "one JSON object per line");
  list_cmd->callback([connection, list] {
    rpc([&] {
      std::vector<std::vector<std::string>> rows;
      std::uint64_t after = list->after;
      for (;;) {
        auto request = connection->op().unmatchedListRequest();
        request.setAfterId(after);
        request.setLimit(list->limit);
        request.setIgnored(list->ignored);
        auto response = request.send().wait(connection->wait());
        for (auto row : response.getRows()) {
          after = row.getId();
          const json item = unmatched_json(row);
          if (list->json) {
            std::puts(item.dump().c_str());
            continue;
          }
          std::string suggestion;
          if (item.contains("suggested_dossier"))
            suggestion = std::to_string(item["suggested_dossier"].get<std::uint64_t>()) + " (" +
                         item["suggested_rule"].get<std::string>() + ")";
          rows.push_back(
              {std::to_string(row.getId()), item["booking_date"],
               format_euro_dutch(item["amount_cents"]) +
                   (item["currency"] == "EUR" ? "" : " " + item["currency"].get<std::string>()),
               item["counterparty_name"], item["remittance_text"], suggestion, item["reason"]});
        }
        if (!response.getMore() || !list->all) {
          if (!list->json && response.getMore())
            std::fprintf(stderr, "more: pinc unmatched list --after %llu\n",
                         static_cast<unsigned long long>(after));
          break;
        }
      }
      if (!list->json)
        print_table({"id", "booked", "amount", "from", "text", "suggested", "why"}, rows);
      return 0;
    });
  });

  struct AssignArgs {
    std::uint64_t id = 0, dossier = 0;
    bool json = false;
  };
  auto assign = std::make_shared<AssignArgs>();
  CLI::App* assign_cmd = unmatched->add_subcommand("assign", "Applies a credit to a dossier");
  assign_cmd->add_option("TX", assign->id, "the unmatched credit's id")->required();
  assign_cmd->add_option("DOSSIER", assign->dossier, "the dossier it pays")->required();
  assign_cmd->add_flag("--json", assign->json, "print one JSON object");
  assign_cmd->callback([connection, assign] {
    rpc([&] {
      auto request = connection->op().unmatchedAssignRequest();
      request.setId(assign->id);
      request.setDossier(assign->dossier);
      request.setActor(operator_actor());
      auto response = request.send().wait(connection->wait());
      const json summary = summary_json(response.getDossier());
      if (assign->json)
        print_json(summary);
      else
        std::printf("credit %llu applied to dossier %llu: %s, open %s\n",
                    static_cast<unsigned long long>(assign->id),
                    static_cast<unsigned long long>(assign->dossier),
                    summary["stage"].get<std::string>().c_str(),
                    format_euro_dutch(summary["open_cents"]).c_str());
      return 0;
    });
  });

  struct IgnoreArgs {
    std::uint64_t id = 0;
    std::string reason;
    bool json = false;
  };
  auto ignore = std::make_shared<IgnoreArgs>();
  CLI::App* ignore_cmd = unmatched->add_subcommand("ignore", "Sets a credit aside, with a reason");
  ignore_cmd->add_option("TX", ignore->id, "the unmatched credit's id")->required();
  ignore_cmd->add_option("--reason", ignore->reason, "why")->required();
  ignore_cmd->add_flag("--json", ignore->json, "print one JSON object");
  ignore_cmd->callback([connection, ignore] {
    rpc([&] {
      auto request = connection->op().unmatchedIgnoreRequest();
      request.setId(ignore->id);
      request.setReason(ignore->reason);
      request.setActor(operator_actor());
      request.send().wait(connection->wait());
      if (ignore->json)
        print_json({{"id", ignore->id}, {"ignored", true}});
      else
        std::printf("credit %llu set aside\n", static_cast<unsigned long long>(ignore->id));
      return 0;
    });
  });
}

}  // namespace

void add_feed_commands(CLI::App& app, std::shared_ptr<Connection> connection) {
  // `pinc feed` may already hold the offline `parse`.
  CLI::App* feed = nullptr;
  try {
    feed = app.get_subcommand("feed");
  } catch (const CLI::OptionNotFound&) {
    feed = app.add_subcommand("feed", "Bank statements");
    feed->require_subcommand(1);
  }
  add_push(*feed, connection);
  add_unmatched(app, std::move(connection));
}

}  // namespace pinc::cli
