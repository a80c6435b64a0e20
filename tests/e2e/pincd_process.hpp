#pragma once
// A real pincd for tests: started on a data directory and a free loopback port, found through
// DATA/pincd.addr, stopped with SIGTERM or killed with SIGKILL, and restarted on the same data.
// Commands go through the real pinc binary.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "run_process.hpp"

extern char** environ;

namespace pinc::test {

class PincdProcess {
 public:
  PincdProcess(std::string pincd, std::string pinc, std::string data_dir,
               std::vector<std::string> extra_args = {})
      : pincd_(std::move(pincd)),
        pinc_(std::move(pinc)),
        data_(std::move(data_dir)),
        extra_(std::move(extra_args)) {}
  ~PincdProcess() { kill_hard(); }
  PincdProcess(const PincdProcess&) = delete;
  PincdProcess& operator=(const PincdProcess&) = delete;

  // Starts pincd and waits (at most 20 s) until it answers; throws if it does not.
  void start() {
    std::filesystem::create_directories(data_);
    std::filesystem::remove(data_ + "/pincd.addr");  // a kill -9 leaves the old one behind
    std::vector<std::string> args = {
        pincd_, "--data", data_, "--listen", "127.0.0.1:0", "--log-file", data_ + "/pincd.log"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, pincd_.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + pincd_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        throw std::runtime_error("pincd exited at start; see " + data_ + "/pincd.log");
      }
      std::ifstream addr(data_ + "/pincd.addr");
      std::string address;
      if (addr >> address && !address.empty()) {
        address_ = address;
        std::ifstream token_file(data_ + "/admin.token");
        token_file >> token_;
        if (pinc("clock show").exit_code == 0) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("pincd did not answer within 20 s");
  }

  // SIGTERM, then waits; returns pincd's exit code (-1 if a signal ended it).
  int stop() {
    if (pid_ == 0) return -1;
    ::kill(pid_, SIGTERM);
    return reap();
  }
  // kill -9: no chance to flush or clean up.
  void kill_hard() {
    if (pid_ == 0) return;
    ::kill(pid_, SIGKILL);
    reap();
  }
  bool running() const { return pid_ != 0; }
  pid_t pid() const { return pid_; }

  // `pinc ARGS` against this pincd, as the admin.
  ProcessResult pinc(const std::string& arguments) const {
    return run_process(pinc_command() + " " + arguments);
  }
  std::string pinc_command() const {
    return pinc_ + " --connect " + address_ + " --token " + token_;
  }
  const std::string& address() const { return address_; }
  const std::string& token() const { return token_; }
  const std::string& data_dir() const { return data_; }

 private:
  int reap() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string pincd_, pinc_, data_;
  std::vector<std::string> extra_;
  pid_t pid_ = 0;
  std::string address_, token_;
};

}  // namespace pinc::test
