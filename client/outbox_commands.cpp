#include "outbox_commands.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>

#include "date.hpp"
#include "views.hpp"

namespace pinc::cli {

namespace {

using nlohmann::json;
namespace s = schema;

std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

void add_outbox(CLI::App& app, std::shared_ptr<Connection> connection) {
  CLI::App* outbox = app.add_subcommand("outbox", "Letters and e-mails on their way");
  outbox->require_subcommand(1);

  struct ListArgs {
    std::uint32_t limit = 100;
    bool failed = false, json = false;
  };
  auto list = std::make_shared<ListArgs>();
  CLI::App* list_cmd = outbox->add_subcommand("list", "Letters waiting to go out, due first");
  list_cmd->add_flag("--failed", list->failed, "the letters given up after repeated failure");
  list_cmd->add_option("--limit", list->limit, "at most this many (default 100, max 1000)");
  list_cmd->add_flag("--json", list->json, "one JSON object per line");
  list_cmd->callback([connection, list] {
    rpc([&] {
      auto request = connection->op().outboxListRequest();
      request.setFailed(list->failed);
      request.setLimit(list->limit);
      auto response = request.send().wait(connection->wait());
      std::vector<std::vector<std::string>> rows;
      for (auto row : response.getDeliveries()) {
        const json item = delivery_json(row);
        if (list->json) {
          std::puts(item.dump().c_str());
          continue;
        }
        rows.push_back({item["id"], item["kind"], item["route"], item["due"],
                        std::to_string(row.getAttempts()), item["last_error"]});
      }
      if (!list->json) {
        print_table({"id", "letter", "route", "due", "attempts", "last error"}, rows);
        if (response.getMore()) std::fprintf(stderr, "more: raise --limit\n");
      }
      return 0;
    });
  });

  struct RetryArgs {
    std::string id;
    bool json = false;
  };
  auto retry = std::make_shared<RetryArgs>();
  CLI::App* retry_cmd =
      outbox->add_subcommand("retry", "Puts a failed letter back in line to go out now");
  retry_cmd->add_option("ID", retry->id, "the letter's id, as `pinc outbox list` shows it")
      ->required();
  retry_cmd->add_flag("--json", retry->json, "print one JSON object");
  retry_cmd->callback([connection, retry] {
    rpc([&] {
      auto request = connection->op().outboxRetryRequest();
      request.setName(retry->id);
      request.setActor(operator_actor());
      auto response = request.send().wait(connection->wait());
      const json item = delivery_json(response.getDelivery());
      if (retry->json)
        print_json(item);
      else
        std::printf("letter %s back in line (due %s)\n", retry->id.c_str(),
                    item["due"].get<std::string>().c_str());
      return 0;
    });
  });
}

void add_letter(CLI::App& app, std::shared_ptr<Connection> connection) {
  CLI::App* letter = app.add_subcommand("letter", "The letters a dossier sends");
  letter->require_subcommand(1);
  struct PreviewArgs {
    std::uint64_t id = 0;
    std::string step, out;
    bool json = false;
  };
  auto preview = std::make_shared<PreviewArgs>();
  CLI::App* preview_cmd = letter->add_subcommand(
      "preview", "Renders what a step would send today, as the PDF that would go out");
  preview_cmd->add_option("ID", preview->id, "the dossier")->required();
  preview_cmd->add_option("--step", preview->step, "a step of its strategy (default: the next)");
  preview_cmd->add_option("--out", preview->out, "the PDF file to write")->required();
  preview_cmd->add_flag("--json", preview->json, "print one JSON object");
  preview_cmd->callback([connection, preview] {
    rpc([&] {
      auto request = connection->op().letterPreviewRequest();
      request.setId(preview->id);
      request.setStep(preview->step);
      auto response = request.send().wait(connection->wait());
      auto pdf = response.getPdf();
      std::ofstream file(preview->out, std::ios::binary | std::ios::trunc);
      file.write(reinterpret_cast<const char*>(pdf.begin()),
                 static_cast<std::streamsize>(pdf.size()));
      file.close();
      if (!file) {
        std::fprintf(stderr, "pinc: --out: cannot write %s\n", preview->out.c_str());
        return 1;
      }
      if (preview->json)
        print_json({{"kind", text(response.getKind())},
                    {"subject", text(response.getSubject())},
                    {"out", preview->out},
                    {"bytes", pdf.size()},
                    {"text", text(response.getText())}});
      else
        std::printf("%s: %s (%zu bytes) -> %s\n", text(response.getKind()).c_str(),
                    text(response.getSubject()).c_str(), pdf.size(), preview->out.c_str());
      return 0;
    });
  });
}

}  // namespace

void add_outbox_commands(CLI::App& app, std::shared_ptr<Connection> connection) {
  add_outbox(app, connection);
  add_letter(app, connection);
}

}  // namespace pinc::cli
