#pragma once
// A real SMTP server for the tests: Debian's python3-aiosmtpd, run as a child process on a free
// loopback port. Every message it accepts is stored as its own file (MAIL/000001.eml, ...: arrival
// order), exactly the bytes received after dot-unstuffing, written to a temporary name first so
// that messages() never sees half a message. While refuse(true) it answers RCPT and DATA with
// "451 4.3.0 try again later", while reject(true) with "550 5.1.1 mailbox unavailable". The
// switches are files in its directory, so they act on the very next command.
//
// Header-only and POSIX + std only, for reuse by the daemon and end-to-end tests. The destructor
// stops the server (SIGTERM, then SIGKILL) and removes its directory; a constructor that throws
// leaves nothing behind either.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace pinc::test {

class SmtpServer {
 public:
  static constexpr std::chrono::seconds kStartTimeout{15};

  SmtpServer() {
    char pattern[] = "/tmp/pinc-smtp-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("smtp server: cannot mkdtemp");
    dir_ = pattern;
    std::filesystem::create_directories(mail_dir());
    try {
      start();
    } catch (...) {
      shut_down();
      throw;
    }
  }
  ~SmtpServer() { shut_down(); }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::uint16_t port() const { return port_; }
  const std::string& directory() const { return dir_; }
  std::string mail_dir() const { return dir_ + "/mail"; }

  // Every message received so far, in arrival order.
  std::vector<std::string> messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir()))
      if (entry.path().extension() == ".eml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      out.push_back(bytes.str());
    }
    return out;
  }

  void refuse(bool on) { set_switch("refuse", on); }  // 451: try again later
  void reject(bool on) { set_switch("reject", on); }  // 550: mailbox unavailable (wins over 451)

  // What the server wrote to standard error (tracebacks, aiosmtpd warnings).
  std::string log() const {
    std::ifstream in(dir_ + "/server.err", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  // aiosmtpd on 127.0.0.1:0; prints the port it got once it listens. hostname is given so that
  // aiosmtpd does not look up the machine's FQDN (slow without DNS).
  static constexpr const char* kScript = R"PY(
import asyncio, os, sys
from aiosmtpd.smtp import SMTP

top = sys.argv[1]
mail = os.path.join(top, "mail")

class Handler:
    count = 0

    def verdict(self):
        if os.path.exists(os.path.join(top, "reject")):
            return "550 5.1.1 mailbox unavailable"
        if os.path.exists(os.path.join(top, "refuse")):
            return "451 4.3.0 try again later"
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = self.verdict()
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self.verdict()
        if refusal:
            return refusal
        Handler.count += 1
        temporary = os.path.join(mail, ".incoming")
        with open(temporary, "wb") as out:
            out.write(envelope.original_content)
        os.rename(temporary, os.path.join(mail, "%06d.eml" % Handler.count))
        return "250 2.0.0 OK"

async def main():
    handler = Handler()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="pinc-test-smtp"), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()

asyncio.run(main())
)PY";

  void start() {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("smtp server: cannot pipe");
    const std::string err_path = dir_ + "/server.err";
    // -I: no PYTHON* variables and no user site, so the system python finds the system aiosmtpd
    // whatever the test's environment says.
    std::vector<std::string> args = {"/usr/bin/python3", "-I", "-c", kScript, dir_};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, out[1], 1);
    posix_spawn_file_actions_addopen(&files, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    // SIGTERM must end it whatever the test runner blocked or ignored.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const int failed =
        posix_spawn(&pid_, args[0].c_str(), &files, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&files);
    ::close(out[1]);
    if (failed != 0) {
      pid_ = 0;
      ::close(out[0]);
      throw std::runtime_error("smtp server: cannot start /usr/bin/python3");
    }
    const std::string printed = read_line(out[0]);
    ::close(out[0]);
    const int port = std::atoi(printed.c_str());
    if (port <= 0 || port > 65535) throw std::runtime_error("smtp server did not start: " + log());
    port_ = static_cast<std::uint16_t>(port);
    wait_until_accepting();
  }

  // The first line the server prints, or "" if it ends or says nothing within kStartTimeout.
  static std::string read_line(int fd) {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    std::string line;
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return {};
      pollfd ready{fd, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[64];
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) return {};
      line.append(buffer, static_cast<std::size_t>(n));
    }
    return line.substr(0, line.find('\n'));
  }

  void wait_until_accepting() const {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(port_);
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      const bool connected =
          ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
      ::close(fd);
      if (connected) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("smtp server does not accept connections: " + log());
  }

  void set_switch(const std::string& name, bool on) {
    const std::string path = dir_ + "/" + name;
    if (on) {
      std::ofstream(path) << "on\n";
    } else {
      std::filesystem::remove(path);
    }
  }

  void shut_down() {
    if (pid_ != 0) {
      ::kill(pid_, SIGTERM);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      int status = 0;
      while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      pid_ = 0;
    }
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }

  std::string dir_;
  pid_t pid_ = 0;
  std::uint16_t port_ = 0;
};

// A loopback port nothing listens on (for "relay unreachable"): bound, read and released. Another
// process could take it in between, which on a test machine is unlikely enough.
inline std::uint16_t unused_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace pinc::test
