#pragma once
// A real pincd for the bench: spawned on a data directory with a free loopback port, the simulated
// clock and the durable defaults (WAL on, synced group commit), found through DATA/pincd.addr and
// DATA/admin.token, and driven through the client library. Stopped with SIGTERM or SIGKILL; the
// destructor kills one still running.
#include <sys/types.h>

#include <memory>
#include <string>

#include "pinc_client.hpp"

namespace pinc::bench {

class PincdRunner {
 public:
  PincdRunner(std::string pincd_path, std::string data_dir, std::string sim_start);
  ~PincdRunner();
  PincdRunner(const PincdRunner&) = delete;
  PincdRunner& operator=(const PincdRunner&) = delete;

  // Starts pincd and returns the seconds from the spawn to the first answered RPC (login and
  // clockShow). Throws when it ends or does not answer within the timeout.
  double start(double timeout_seconds = 600);
  // SIGTERM, then waits for pincd to drain and exit; returns the seconds that took.
  double stop();
  // kill -9: no chance to flush.
  void kill_hard();
  bool running() const { return pid_ != 0; }
  pid_t pid() const { return pid_; }
  // VmRSS of the running pincd, in bytes.
  std::uint64_t resident_bytes() const;

  Client& client() { return *client_; }
  // Where it listens and its admin token, for more connections (one per thread).
  const std::string& address() const { return address_; }
  const std::string& token() const { return token_; }
  const std::string& data_dir() const { return data_dir_; }

 private:
  void spawn();
  void reap(bool block);

  std::string pincd_path_, data_dir_, sim_start_;
  pid_t pid_ = 0;
  std::unique_ptr<Client> client_;
  std::string address_, token_;
};

}  // namespace pinc::bench
