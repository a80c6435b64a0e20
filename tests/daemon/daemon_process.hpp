#pragma once
// A real pincd for the daemon tests: started on a data directory with a free loopback port and the
// simulated clock, found through DATA/pincd.addr, driven with the real pinc binary, stopped with
// SIGTERM or killed with SIGKILL, and restarted on the same data. The destructor kills a pincd
// still running, so a failed REQUIRE never leaves one behind.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "run_process.hpp"

extern char** environ;

namespace pinc::test {

// How a pincd ended: an exit code, or the signal that killed it.
struct ExitStatus {
  bool exited = false;  // false: a signal ended it (a crash, or our SIGKILL)
  int code = -1;        // the exit code when `exited`
  int signal = 0;       // the signal otherwise
  std::string describe() const {
    return exited ? "exit code " + std::to_string(code)
                  : "killed by signal " + std::to_string(signal);
  }
};

inline std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct DaemonOptions {
  std::string data_dir;
  std::string sim_start = "2026-03-02";
  std::vector<std::string> extra_args;  // e.g. {"--config", FILE}
  // The admin token to log in with; empty: the one pincd wrote to DATA/admin.token.
  std::string admin_token;
};

class DaemonProcess {
 public:
  static constexpr std::chrono::seconds kStartTimeout{10};
  static constexpr std::chrono::seconds kStopTimeout{20};

  explicit DaemonProcess(DaemonOptions options) : options_(std::move(options)) {}
  ~DaemonProcess() { kill_hard(); }
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts pincd and waits until it answers `pinc clock show`; throws (with pincd's standard
  // error) if it exits or does not answer within kStartTimeout.
  void start() {
    if (const auto ended = start_or_exit())
      throw std::runtime_error("pincd ended at start (" + ended->describe() + "): " + err());
  }

  // Starts pincd and waits until it answers (nothing returned) or ends by itself (how it ended
  // returned): for a start that may be refused. Throws if it does neither within kStartTimeout.
  std::optional<ExitStatus> start_or_exit() {
    if (pid_ != 0) throw std::runtime_error("pincd is already running");
    std::filesystem::create_directories(data_dir());
    // A kill -9 leaves the old address behind; waiting on it would reach nobody.
    std::filesystem::remove(addr_path());
    spawn();
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (const auto ended = poll_exit()) return ended;
      if (read_address() && pinc("clock show").exit_code == 0) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    kill_hard();
    throw std::runtime_error("pincd did not answer within 10 s: " + err());
  }

  // Starts pincd for a run that must end by itself (a refused start), waits at most kStopTimeout
  // and returns how it ended; SIGKILLs it if it is still running by then.
  ExitStatus run_to_exit() {
    if (pid_ != 0) throw std::runtime_error("pincd is already running");
    spawn();
    return wait_for_exit();
  }

  // SIGTERM, then waits for pincd to drain and exit.
  ExitStatus stop() {
    if (pid_ == 0) throw std::runtime_error("pincd is not running");
    ::kill(pid_, SIGTERM);
    return wait_for_exit();
  }

  // kill -9: no chance to flush or clean up.
  void kill_hard() {
    if (pid_ == 0) return;
    ::kill(pid_, SIGKILL);
    reap(0);
  }

  // Whether pincd is still running (reaps it if it has ended).
  bool running() { return pid_ != 0 && !poll_exit(); }
  pid_t pid() const { return pid_; }

  // `pinc --connect ADDRESS --token TOKEN ARGUMENTS`, as the admin or with another token.
  ProcessResult pinc(const std::string& arguments) const { return pinc_as(token_, arguments); }
  ProcessResult pinc_as(const std::string& token, const std::string& arguments) const {
    return run_process(std::string(PINC_BIN) + " --connect " + address_ + " --token '" + token +
                       "' " + arguments);
  }

  // The pinc command line (binary, address, admin token) for a shell to run.
  std::string pinc_command() const {
    return std::string(PINC_BIN) + " --connect " + address_ + " --token '" + token_ + "'";
  }
  const std::string& address() const { return address_; }
  const std::string& token() const { return token_; }
  const std::string& data_dir() const { return options_.data_dir; }
  std::string addr_path() const { return data_dir() + "/pincd.addr"; }
  std::string token_path() const { return data_dir() + "/admin.token"; }
  // What the last started pincd wrote to standard error (its refusals) and standard output (its
  // log, when no --log-file is given).
  std::string err() const { return read_whole_file(err_path_); }
  std::string out() const { return read_whole_file(out_path_); }

 private:
  void spawn() {
    // Each start gets its own output files, beside (not in) the data directory: a second pincd
    // on the same data must not overwrite the first one's, nor add files to the store's folder.
    static int starts = 0;
    const std::string prefix = data_dir() + ".pincd" + std::to_string(++starts);
    out_path_ = prefix + ".out";
    err_path_ = prefix + ".err";
    std::vector<std::string> args = {PINCD_BIN,  "--data",      data_dir(),
                                     "--listen", "127.0.0.1:0", "--clock",
                                     "sim",      "--sim-start", options_.sim_start};
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&files, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    // pincd takes SIGTERM with sigwait on a thread of its own; it must start with default
    // dispositions and an empty mask whatever the test runner set up.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const int failed = posix_spawn(&pid_, PINCD_BIN, &files, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&files);
    if (failed != 0) {
      pid_ = 0;
      throw std::runtime_error(std::string("cannot start ") + PINCD_BIN);
    }
  }

  // The address and admin token, once pincd has written its address.
  bool read_address() {
    std::ifstream addr(addr_path());
    std::string address;
    if (!(addr >> address) || address.find(':') == std::string::npos) return false;
    address_ = address;
    token_ = options_.admin_token;
    if (token_.empty()) std::ifstream(token_path()) >> token_;
    return !token_.empty();
  }

  ExitStatus wait_for_exit() {
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (const auto ended = poll_exit()) return *ended;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    return reap(0);
  }

  std::optional<ExitStatus> poll_exit() {
    if (pid_ == 0) return std::nullopt;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    pid_ = 0;
    return to_exit_status(status);
  }

  ExitStatus reap(int flags) {
    int status = 0;
    waitpid(pid_, &status, flags);
    pid_ = 0;
    return to_exit_status(status);
  }

  static ExitStatus to_exit_status(int status) {
    ExitStatus exit;
    exit.exited = WIFEXITED(status);
    if (exit.exited)
      exit.code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
      exit.signal = WTERMSIG(status);
    return exit;
  }

  DaemonOptions options_;
  pid_t pid_ = 0;
  std::string address_, token_;
  std::string out_path_, err_path_;
};

}  // namespace pinc::test
