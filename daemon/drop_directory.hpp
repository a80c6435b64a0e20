#pragma once
// A directory pincd watches for bank files (camt.053/054, MT940/942), for banks and connectors
// that deliver by copying files. A file is taken once it has not changed for a second (writers
// that rename a finished file into place are taken at once); it is applied through the payment
// desk and then moved to done/ with its report beside it (NAME.report.json), or, when it is
// malformed, to rejected/ with the error beside it (NAME.error.txt). A failure on the way (a full
// disk) leaves the file where it is, to be tried again. After a crash a file still in the
// directory is simply read again: what was applied of it is recognised and not applied twice.
//
// Files whose names start with '.' or end in .part or .tmp are someone's work in progress.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "payment_desk.hpp"

namespace pinc {

class DropDirectory {
 public:
  DropDirectory(std::string directory, PaymentDesk& payments,
                std::chrono::milliseconds poll_interval = std::chrono::milliseconds(1000));
  ~DropDirectory();  // stop()
  DropDirectory(const DropDirectory&) = delete;
  DropDirectory& operator=(const DropDirectory&) = delete;

  // Creates the directory and its done/ and rejected/, then watches it on a thread of its own.
  Result<Done> start();
  // Ends the watching after the file under way.
  void stop();
  // One look at the directory: takes every file that is ready. Returns how many were taken.
  std::size_t take_ready_files();

 private:
  void take(const std::string& name);

  const std::string directory_;
  PaymentDesk& payments_;
  const std::chrono::milliseconds poll_interval_;
  std::thread watcher_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace pinc
