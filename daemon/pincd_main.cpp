// pincd: the pre-incasso engine's daemon. Opens the store, starts the engine and serves RPC until
// SIGTERM or SIGINT, then drains, flushes and closes the store.
#include <capnp/ez-rpc.h>
#include <kj/async.h>
#include <pthread.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "builtin_rates.hpp"
#include "config.hpp"
#include "drop_directory.hpp"
#include "engine.hpp"
#include "http_endpoint.hpp"
#include "outbox_dispatcher.hpp"
#include "rocks_store.hpp"
#include "rpc_service.hpp"

namespace {

// Exit codes, so that scripts can tell what went wrong.
constexpr int kExitUsage = 2;
constexpr int kExitDataHeld = 3;
constexpr int kExitDataDamaged = 4;
constexpr int kExitFailed = 1;

// Written whole, then renamed: a reader polling for the file never sees half of it.
void write_atomically(const std::string& path, const std::string& text) {
  std::ofstream(path + ".tmp") << text;
  std::error_code ignored;
  std::filesystem::rename(path + ".tmp", path, ignored);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pinc;
  DaemonConfig config;
  std::string config_path;
  CLI::App app{"pincd: the pre-incasso engine"};
  std::string data_flag, listen_flag, clock_flag, sim_start_flag, level_flag, log_file_flag,
      rates_flag, drop_flag, http_flag, smtp_flag, templates_flag, print_flag;
  std::int64_t smtp_retry_flag = 0;
  std::size_t shards_flag = 0;
  std::size_t letters_per_file_flag = 0;
  app.add_option("--config", config_path, "config file (TOML)");
  app.add_option("--data", data_flag, "data directory (default ./pinc-data)");
  app.add_option("--listen", listen_flag, "address:port to serve RPC on (default 127.0.0.1:7420)");
  app.add_option("--clock", clock_flag, "wall or sim (default wall)");
  app.add_option("--sim-start", sim_start_flag, "first day of a new simulated clock (YYYY-MM-DD)");
  app.add_option("--log-level", level_flag, "trace, debug, info, warn, error (default info)");
  app.add_option("--log-file", log_file_flag, "log to this file instead of standard error");
  app.add_option("--rates", rates_flag, "interest-rate table (TOML) instead of the built-in one");
  app.add_option("--shards", shards_flag, "shards (default 2, one per core)");
  app.add_option("--letters-per-file", letters_per_file_flag,
                 "letters per print file (default 500, at most 1000)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--drop", drop_flag, "directory watched for bank files (default DATA/drop)");
  app.add_option("--http", http_flag,
                 "HOST:PORT for the HTTP endpoint POST /feeds/camt054 (default: none)");
  app.add_option("--smtp", smtp_flag, "SMTP relay for e-mail, smtp://HOST:PORT (default: none)");
  app.add_option("--smtp-retry-ms", smtp_retry_flag,
                 "wait before the first retry of a refused e-mail (default 60000, doubling)");
  app.add_option("--templates", templates_flag, "the agency's letter templates (default built-in)");
  app.add_option("--print-dir", print_flag, "where daily print batches go (default DATA/print)");
  CLI11_PARSE(app, argc, argv);

  if (!config_path.empty()) {
    const std::string text = read_text(config_path);
    if (text.empty()) {
      std::fprintf(stderr, "pincd: --config: cannot read %s\n", config_path.c_str());
      return kExitUsage;
    }
    auto loaded = apply_config_file(config, text, config_path);
    if (!loaded) {
      std::fprintf(stderr, "pincd: %s\n", loaded.error().to_string().c_str());
      return kExitUsage;
    }
    config = std::move(*loaded);
  }
  for (auto [flag, into] : {std::pair{&data_flag, &config.data_dir},
                            {&listen_flag, &config.listen},
                            {&clock_flag, &config.clock},
                            {&sim_start_flag, &config.sim_start},
                            {&level_flag, &config.log_level},
                            {&log_file_flag, &config.log_file},
                            {&rates_flag, &config.rates_file},
                            {&drop_flag, &config.drop_dir},
                            {&http_flag, &config.http},
                            {&smtp_flag, &config.smtp.url},
                            {&templates_flag, &config.templates_dir},
                            {&print_flag, &config.print_dir}})
    if (!flag->empty()) *into = *flag;
  if (smtp_retry_flag > 0) config.smtp_retry_ms = smtp_retry_flag;
  if (shards_flag > 0) config.shards = shards_flag;
  if (letters_per_file_flag > 0) config.letters_per_file = letters_per_file_flag;
  if (config.clock != "wall" && config.clock != "sim") {
    std::fprintf(stderr, "pincd: --clock: '%s' (expected wall or sim)\n", config.clock.c_str());
    return kExitUsage;
  }

  if (!config.log_file.empty())
    spdlog::set_default_logger(spdlog::basic_logger_mt("pincd", config.log_file));
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  spdlog::flush_on(spdlog::level::info);

  // SIGTERM and SIGINT are taken by one thread (below); block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::error_code ignored;
  std::filesystem::create_directories(config.data_dir, ignored);
  auto opened = RocksStore::open(config.data_dir + "/store");
  if (!opened) {
    const std::string message = opened.error().to_string();
    spdlog::critical("{}", message);
    std::fprintf(stderr, "pincd: %s\n", message.c_str());
    if (message.find("held by another") != std::string::npos) return kExitDataHeld;
    if (message.find("damaged") != std::string::npos) return kExitDataDamaged;
    return kExitFailed;
  }
  std::unique_ptr<RocksStore> store = std::move(*opened);

  std::string rates_text(builtin_interest_rates());
  std::string rates_source = "built-in";
  if (!config.rates_file.empty()) {
    rates_text = read_text(config.rates_file);
    rates_source = config.rates_file;
  }
  auto rates = parse_rate_table(rates_text, rates_source);
  if (!rates) {
    std::fprintf(stderr, "pincd: --rates: %s\n", rates.error().to_string().c_str());
    return kExitUsage;
  }
  spdlog::info("interest rates: {}", rates->name);

  // The clock: a simulated one continues where it stood.
  EngineClock clock = EngineClock::wall();
  if (config.clock == "sim") {
    Date start = dutch_date(std::chrono::system_clock::now());
    auto stored = store->get_meta("clock");
    if (stored && *stored) {
      start = parse_date(**stored).value();
    } else if (!config.sim_start.empty()) {
      auto parsed = parse_date(config.sim_start, "--sim-start");
      if (!parsed) {
        std::fprintf(stderr, "pincd: %s\n", parsed.error().to_string().c_str());
        return kExitUsage;
      }
      start = *parsed;
    }
    clock = EngineClock::simulated(start);
    if (auto saved = store->put_meta("clock", format_date(start)); !saved) {
      std::fprintf(stderr, "pincd: %s\n", saved.error().to_string().c_str());
      return kExitFailed;
    }
    spdlog::info("simulated clock at {}", format_date(start));
  }

  TokenBook tokens;
  for (const auto& token : config.tokens) tokens.add_hash(token.sha256, token.role);
  if (tokens.empty()) {
    auto written = tokens.ensure_admin_token(*store, config.data_dir);
    if (!written) {
      std::fprintf(stderr, "pincd: %s\n", written.error().to_string().c_str());
      return kExitFailed;
    }
    if (*written)
      spdlog::warn("no tokens configured: wrote a new admin token to {}", **written);
    else
      spdlog::info("admin token: {}/admin.token", config.data_dir);
  }

  // Uploads are spooled here; one that never finished (a crash, a lost client) is not resumed:
  // its sender did not get an answer and delivers it again.
  const std::string inbox_dir = config.data_dir + "/inbox";
  std::filesystem::create_directories(inbox_dir, ignored);
  for (const auto& entry : std::filesystem::directory_iterator(inbox_dir, ignored))
    if (entry.path().extension() == ".part") std::filesystem::remove(entry.path(), ignored);

  Calendar calendar;
  CreditorRegistry creditors(*store, calendar, *rates);
  if (auto loaded = creditors.load(); !loaded) {
    std::fprintf(stderr, "pincd: %s\n", loaded.error().to_string().c_str());
    return kExitDataDamaged;
  }

  auto templates = letters::TemplateSet::load(config.templates_dir);
  if (!templates) {
    std::fprintf(stderr, "pincd: --templates: %s\n", templates.error().to_string().c_str());
    return kExitUsage;
  }
  if (config.agency.name.empty() || config.agency.registration.empty())
    spdlog::warn("letters: [agency] name and registration are not configured; letters say so");
  if (config.agency.name.empty()) config.agency.name = "(agency name not configured)";
  LetterSource letter_source(*store, creditors, *templates, config.agency);
  DispatchSettings dispatch;
  dispatch.print_dir = config.print_dir.empty() ? config.data_dir + "/print" : config.print_dir;
  dispatch.smtp = config.smtp;
  dispatch.retry_base = std::chrono::milliseconds(config.smtp_retry_ms);
  dispatch.max_attempts = config.smtp_max_attempts;
  dispatch.letters_per_file = config.letters_per_file;

  int exit_code = 0;
  {
    caf::actor_system_config caf_config;
    caf_config.set("scheduler.max-threads", 2);
    caf_config.set("logger.console", caf::atom("none"));
    caf::actor_system system{caf_config};
    BlockingWork blocking_work;  // outlives the engine: a clock move ends when the engine stops
    {
      EngineOptions options;
      options.shards = config.shards;
      Engine engine(system, *store, clock, creditors, options);
      if (clock.is_simulated()) {
        // Finish the current day's timers (a stop may have cut a day short).
        if (auto caught_up = engine.advance_days(0); !caught_up)
          spdlog::error("catching up {}: {}", format_date(clock.today()),
                        caught_up.error().to_string());
      }

      OutboxDispatcher outbox(*store, engine, letter_source, calendar, clock, dispatch);
      if (clock.is_simulated())
        engine.set_after_day([&outbox](Date day) {
          if (auto pass = outbox.run_pass(day); !pass)
            spdlog::error("outbox {}: {}", format_date(day), pass.error().to_string());
        });
      if (auto started = outbox.start(); !started) {
        std::fprintf(stderr, "pincd: %s\n", started.error().to_string().c_str());
        return kExitFailed;
      }
      PaymentDesk payments(engine, *store, creditors, clock);
      FeedContext feed{payments, blocking_work, inbox_dir};
      ServiceContext context{engine,        *store,   creditors, clock,  tokens,       calendar,
                             blocking_work, payments, feed,      outbox, letter_source};
      DropDirectory drop(config.drop_dir.empty() ? config.data_dir + "/drop" : config.drop_dir,
                         payments);
      HttpEndpoint http(payments, tokens, blocking_work, inbox_dir);
      try {
        if (auto watching = drop.start(); !watching)
          throw kj::Exception(kj::Exception::Type::FAILED, __FILE__, __LINE__,
                              kj::str(watching.error().to_string().c_str()));
        if (!config.http.empty()) {
          auto bound = http.start(config.http);
          if (!bound)
            throw kj::Exception(kj::Exception::Type::FAILED, __FILE__, __LINE__,
                                kj::str(bound.error().to_string().c_str()));
          write_atomically(config.data_dir + "/pincd.http", *bound + "\n");
          spdlog::info("HTTP endpoint on {} (POST /feeds/camt054)", *bound);
        }
        capnp::EzRpcServer server(make_gateway(context), config.listen);
        auto& wait_scope = server.getWaitScope();
        const unsigned port = server.getPort().wait(wait_scope);
        const std::string host = config.listen.substr(0, config.listen.rfind(':'));
        const std::string address = host + ":" + std::to_string(port);
        write_atomically(config.data_dir + "/pincd.addr", address + "\n");
        spdlog::info("pincd serving on {} (data in {})", address, config.data_dir);

        auto stop = kj::newPromiseAndCrossThreadFulfiller<int>();
        auto* fulfiller = stop.fulfiller.get();
        std::thread signal_thread([signals, fulfiller] {
          int received = 0;
          sigwait(&signals, &received);
          fulfiller->fulfill(kj::cp(received));
        });
        const int received = stop.promise.wait(wait_scope);
        spdlog::info("signal {}: shutting down", received);
        signal_thread.join();
      } catch (const kj::Exception& failure) {
        std::string message = failure.getDescription().cStr();
        if (message.rfind("--", 0) != 0) message = "--listen " + config.listen + ": " + message;
        spdlog::critical("{}", message);
        std::fprintf(stderr, "pincd: %s\n", message.c_str());
        exit_code = kExitFailed;
      }
      // Drain: no new deliveries; a clock move ends after its day; deliveries and scans under way
      // finish.
      http.stop();
      drop.stop();
      engine.request_stop();
      blocking_work.wait_until_idle();
      engine.set_after_day({});
      outbox.stop();
    }  // the payment desk goes, then the engine stops its shards
  }
  store.reset();  // flushes and closes RocksDB
  std::filesystem::remove(config.data_dir + "/pincd.addr", ignored);
  std::filesystem::remove(config.data_dir + "/pincd.http", ignored);
  spdlog::info("pincd stopped");
  return exit_code;
}
