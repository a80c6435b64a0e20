#include "pincd_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace pinc::bench {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

PincdRunner::PincdRunner(std::string pincd_path, std::string data_dir, std::string sim_start)
    : pincd_path_(std::move(pincd_path)),
      data_dir_(std::move(data_dir)),
      sim_start_(std::move(sim_start)) {}

PincdRunner::~PincdRunner() {
  kill_hard();
}

void PincdRunner::spawn() {
  std::filesystem::create_directories(data_dir_);
  std::filesystem::remove(data_dir_ + "/pincd.addr");  // a kill -9 leaves the old one behind
  std::vector<std::string> args = {pincd_path_,   "--data",      data_dir_, "--listen",
                                   "127.0.0.1:0", "--clock",     "sim",     "--sim-start",
                                   sim_start_,    "--log-level", "warn"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string log = data_dir_ + ".pincd.log";
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&files, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int failed =
      posix_spawn(&pid_, pincd_path_.c_str(), &files, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&files);
  if (failed != 0) {
    pid_ = 0;
    throw std::runtime_error("cannot start " + pincd_path_);
  }
}

double PincdRunner::start(double timeout_seconds) {
  if (pid_ != 0) throw std::runtime_error("pincd is already running");
  client_.reset();
  const auto started = Clock::now();
  spawn();
  while (since(started) < timeout_seconds) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      throw std::runtime_error("pincd ended at start; see " + data_dir_ + ".pincd.log");
    }
    std::string address, token;
    std::ifstream(data_dir_ + "/pincd.addr") >> address;
    std::ifstream(data_dir_ + "/admin.token") >> token;
    if (address.find(':') != std::string::npos && !token.empty()) {
      auto client = Client::connect(address, token);
      if (client) {
        auto admin = (*client)->admin();
        if (!admin) throw std::runtime_error("the admin token was refused");
        try {
          admin->clockShowRequest().send().wait((*client)->wait_scope());
          client_ = std::move(*client);
          address_ = address;
          token_ = token;
          return since(started);
        } catch (const kj::Exception&) {
          // not answering yet
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill_hard();
  throw std::runtime_error("pincd did not answer in time");
}

void PincdRunner::reap(bool block) {
  if (pid_ == 0) return;
  int status = 0;
  if (waitpid(pid_, &status, block ? 0 : WNOHANG) == pid_) pid_ = 0;
}

double PincdRunner::stop() {
  client_.reset();
  if (pid_ == 0) return 0;
  const auto started = Clock::now();
  ::kill(pid_, SIGTERM);
  while (pid_ != 0 && since(started) < 300) {
    reap(false);
    if (pid_ != 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (pid_ != 0) kill_hard();
  return since(started);
}

void PincdRunner::kill_hard() {
  client_.reset();
  if (pid_ == 0) return;
  ::kill(pid_, SIGKILL);
  reap(true);
}

std::uint64_t PincdRunner::resident_bytes() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      std::uint64_t kib = 0;
      status >> kib;
      return kib * 1024;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

}  // namespace pinc::bench
