#include "drop_directory.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "feed_report_json.hpp"

namespace pinc {

namespace fs = std::filesystem;

namespace {

constexpr auto kSettled = std::chrono::seconds(1);  // unchanged this long: the writer is done

bool work_in_progress(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name.empty() || name.front() == '.' || ends_with(".part") || ends_with(".tmp");
}

// Where a file goes in done/ or rejected/ without replacing an earlier one of the same name.
fs::path free_name(const fs::path& folder, const std::string& name) {
  fs::path target = folder / name;
  for (int n = 2; fs::exists(target); ++n) target = folder / (name + "." + std::to_string(n));
  return target;
}

}  // namespace

DropDirectory::DropDirectory(std::string directory, PaymentDesk& payments,
                             std::chrono::milliseconds poll_interval)
    : directory_(std::move(directory)), payments_(payments), poll_interval_(poll_interval) {}

DropDirectory::~DropDirectory() {
  stop();
}

Result<Done> DropDirectory::start() {
  std::error_code error;
  for (const char* folder : {"", "done", "rejected"}) {
    fs::create_directories(fs::path(directory_) / folder, error);
    if (error)
      return make_error("--drop", "cannot create " + (fs::path(directory_) / folder).string() +
                                      ": " + error.message());
  }
  watcher_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      take_ready_files();
      lock.lock();
      wake_.wait_for(lock, poll_interval_, [this] { return stopping_; });
    }
  });
  spdlog::info("watching {} for bank files", directory_);
  return Done{};
}

void DropDirectory::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

std::size_t DropDirectory::take_ready_files() {
  std::vector<std::string> ready;
  std::error_code error;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(directory_, error)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file(error) || work_in_progress(name)) continue;
    const auto changed = entry.last_write_time(error);
    if (error || now - changed < kSettled) continue;
    ready.push_back(name);
  }
  std::sort(ready.begin(), ready.end());  // in name order: banks number their files
  std::size_t taken = 0;
  for (const std::string& name : ready) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    take(name);
    ++taken;
  }
  return taken;
}

void DropDirectory::take(const std::string& name) {
  const fs::path file = fs::path(directory_) / name;
  auto report = payments_.ingest_file(file.string(), name);
  std::error_code error;
  if (!report && is_transient(report.error())) {
    spdlog::error("drop {}: {}; trying again later", name, report.error().to_string());
    return;
  }
  const bool accepted = report.has_value();
  const fs::path target = free_name(fs::path(directory_) / (accepted ? "done" : "rejected"), name);
  // The note first, then the move: a crash between them leaves the file to be taken again.
  const fs::path note = target.string() + (accepted ? ".report.json" : ".error.txt");
  {
    std::ofstream out(note);
    if (accepted)
      out << feed_report_json(*report).dump(2) << "\n";
    else
      out << report.error().to_string() << "\n";
  }
  fs::rename(file, target, error);
  if (error)
    spdlog::error("drop {}: cannot move it to {}: {}", name, target.string(), error.message());
  if (accepted)
    spdlog::info("drop {}: {} matched, {} unmatched, {} duplicates", name, report->counts.matched,
                 report->counts.unmatched, report->counts.duplicates);
  else
    spdlog::warn("drop {}: refused: {}", name, report.error().to_string());
}

}  // namespace pinc
