// pincd's life on its data directory: a clean stop on SIGTERM and a restart on the same data, a
// directory another pincd holds, and a damaged store. Exit codes are those of pincd_main.cpp:
// 3 for a held data directory, 4 for a damaged store.
#include <filesystem>

#include "daemon_support.hpp"

using nlohmann::json;
using namespace pinc::test;
namespace fs = std::filesystem;

namespace {

constexpr int kExitDataHeld = 3;
constexpr int kExitDataDamaged = 4;

std::vector<fs::path> store_files(const DaemonProcess& pincd, const std::string& prefix,
                                  const std::string& suffix) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(pincd.data_dir() + "/store")) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(suffix)) found.push_back(entry.path());
  }
  return found;
}

// A store with a creditor and three dossiers in table files (.sst), not only in the write-ahead
// log: RocksDB writes the log's contents to tables when it opens the store again.
void prepare_stopped_store(FreshDaemon& run) {
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  REQUIRE(run.pincd.stop().code == 0);
  run.pincd.start();
  REQUIRE(run.pincd.stop().code == 0);
  REQUIRE_FALSE(store_files(run.pincd, "", ".sst").empty());
}

// A restart on the damaged store must end by itself, with the damaged-store exit code and a
// message saying so, without serving: never a crash, never a silently empty store.
void require_refused_as_damaged(FreshDaemon& run) {
  const ExitStatus ended = run.pincd.run_to_exit();
  INFO(ended.describe() << "\n" << run.pincd.err());
  CHECK(ended.exited);
  CHECK(ended.code == kExitDataDamaged);
  CHECK_THAT(run.pincd.err(), Catch::StartsWith("pincd: ") && Catch::Contains("damaged"));
  CHECK_FALSE(fs::exists(run.pincd.addr_path()));
}

void overwrite(const fs::path& path, std::uintmax_t offset, const std::string& bytes) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(static_cast<std::streamoff>(offset));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("SIGTERM: pincd exits 0, removes its address, and a restart serves the same dossiers",
          "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  REQUIRE(pinc_json(run.pincd, "clock advance 1d")["today"] == "2026-03-03");
  const std::vector<json> before = list_json(run.pincd);
  REQUIRE(before.size() == 3);
  CHECK(before[0]["stage"] == "reminder");  // the reminder went out on 2026-03-03
  const json shown = pinc_json(run.pincd, "show 1");
  REQUIRE(fs::exists(run.pincd.addr_path()));

  const ExitStatus stopped = run.pincd.stop();
  INFO(stopped.describe() << "\n" << run.pincd.err());
  CHECK(stopped.exited);
  CHECK(stopped.code == 0);
  CHECK_FALSE(fs::exists(run.pincd.addr_path()));
  CHECK_THAT(run.pincd.out(), Catch::Contains("pincd stopped"));

  run.pincd.start();
  CHECK(list_json(run.pincd) == before);
  CHECK(pinc_json(run.pincd, "show 1") == shown);
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-03");  // the sim clock is kept
  CHECK(pinc_json(run.pincd, "creditor show acme")["iban"] == kIban);
}

TEST_CASE("a data directory held by a running pincd: a second one exits 3, the first serves on",
          "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  const std::string address = read_whole_file(run.pincd.addr_path());

  DaemonOptions options;
  options.data_dir = run.pincd.data_dir();
  DaemonProcess second(options);
  const ExitStatus ended = second.run_to_exit();
  INFO(ended.describe() << "\n" << second.err());
  CHECK(ended.exited);
  CHECK(ended.code == kExitDataHeld);
  CHECK_THAT(second.err(), Catch::StartsWith("pincd: data: the data directory ") &&
                               Catch::Contains("is held by another pincd"));

  // The first pincd is untouched: running, its address file in place, answering.
  CHECK(run.pincd.running());
  CHECK(read_whole_file(run.pincd.addr_path()) == address);
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
  CHECK(list_json(run.pincd).size() == 3);
  CHECK(run.pincd.stop().code == 0);
}

TEST_CASE("a damaged store: CURRENT overwritten with garbage", "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  std::ofstream(run.pincd.data_dir() + "/store/CURRENT", std::ios::trunc) << "\x01garbage\x7f";
  require_refused_as_damaged(run);
}

TEST_CASE("a damaged store: the MANIFEST overwritten with garbage", "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  const auto manifests = store_files(run.pincd, "MANIFEST-", "");
  REQUIRE_FALSE(manifests.empty());
  for (const auto& manifest : manifests)
    std::ofstream(manifest, std::ios::trunc | std::ios::binary) << std::string(64, '\xa5');
  require_refused_as_damaged(run);
}

TEST_CASE("a damaged store: the MANIFEST that CURRENT names is missing", "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  for (const auto& manifest : store_files(run.pincd, "MANIFEST-", "")) fs::remove(manifest);
  require_refused_as_damaged(run);
}

TEST_CASE("a damaged store: CURRENT missing beside the table files, never a new empty store",
          "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  fs::remove(run.pincd.data_dir() + "/store/CURRENT");
  require_refused_as_damaged(run);
  CHECK_FALSE(fs::exists(run.pincd.data_dir() + "/store/CURRENT"));
}

TEST_CASE("a damaged store: a table file (.sst) cut short", "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  for (const auto& table : store_files(run.pincd, "", ".sst"))
    fs::resize_file(table, fs::file_size(table) / 2);
  require_refused_as_damaged(run);
}

// "block checksum mismatch" contains "lock": a damaged table once read as a held directory.
TEST_CASE("a damaged store: a table file's blocks overwritten (checksum mismatch)", "[daemon]") {
  FreshDaemon run;
  prepare_stopped_store(run);
  // Everything before the 53-byte footer: the index block, read on open, no longer matches its
  // checksum.
  for (const auto& table : store_files(run.pincd, "", ".sst"))
    overwrite(table, 0, std::string(fs::file_size(table) - 53, '\0'));
  require_refused_as_damaged(run);
}

// RocksDB's default WAL recovery (point in time) stops replaying at the first damaged record and
// opens the store without everything after it: acknowledged dossiers would vanish without a word.
// With every write synced, only a torn last record is a crash's doing; damage elsewhere is refused.
TEST_CASE("a damaged store: the write-ahead log damaged after a kill -9", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  run.pincd.kill_hard();  // everything acknowledged is in the write-ahead log only
  const auto logs = store_files(run.pincd, "", ".log");
  REQUIRE(logs.size() == 1);
  const auto size = fs::file_size(logs.front());
  REQUIRE(size > 600);
  overwrite(logs.front(), size / 4, std::string(32, 'X'));  // records follow the damage

  const auto ended = run.pincd.start_or_exit();
  if (!ended) {
    // Served: then nothing acknowledged may be missing.
    CHECK(list_json(run.pincd).size() == 3);
    CHECK(pinc_json(run.pincd, "creditor list").size() == 1);
    return;
  }
  INFO(ended->describe() << "\n" << run.pincd.err());
  CHECK(ended->exited);
  CHECK(ended->code == kExitDataDamaged);
  CHECK_THAT(run.pincd.err(), Catch::Contains("damaged"));
}
