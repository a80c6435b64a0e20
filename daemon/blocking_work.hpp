#pragma once
// Blocking work that RPC calls start (scans of every dossier, moving the simulated clock) runs on
// threads of its own, so that pincd's RPC event loop never waits on the store or the engine.
// pincd waits for it to finish before it closes the store. Thread-safe.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace pinc {

class BlockingWork {
 public:
  // At most this many at once; beyond it, start() refuses (the caller answers "overloaded").
  static constexpr int kMaxRunning = 16;

  // Runs `work` on a new thread; false when kMaxRunning are already running.
  bool start(std::function<void()> work) {
    {
      std::lock_guard lock(mutex_);
      if (running_ >= kMaxRunning) return false;
      ++running_;
    }
    std::thread([this, work = std::move(work)] {
      work();
      std::lock_guard lock(mutex_);
      --running_;
      idle_.notify_all();
    }).detach();
    return true;
  }

  void wait_until_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return running_ == 0; });
  }

 private:
  std::mutex mutex_;  // guards running_
  std::condition_variable idle_;
  int running_ = 0;
};

}  // namespace pinc
