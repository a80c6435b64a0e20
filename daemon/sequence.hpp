#pragma once
// Hands out increasing numbers (dossier ids, unmatched-queue ids) that a restart never reuses:
// blocks of numbers are reserved durably in the store's meta family before any is handed out, so
// after a crash at most the rest of a block is skipped. Thread-safe.
#include <cstdint>
#include <mutex>
#include <string>

#include "store.hpp"

namespace pinc {

class Sequence {
 public:
  Sequence(Store& store, std::string meta_key) : store_(store), key_(std::move(meta_key)) {}

  Result<std::uint64_t> next() {
    std::lock_guard lock(mutex_);
    if (next_ == 0) {
      auto stored = store_.get_meta(key_);
      if (!stored) return stored.error();
      next_ = *stored ? std::stoull(**stored) : 1;
      ceiling_ = next_;
    }
    if (next_ >= ceiling_) {
      if (auto saved = store_.put_meta(key_, std::to_string(ceiling_ + kBlock)); !saved)
        return saved.error();
      ceiling_ += kBlock;
    }
    return next_++;
  }

 private:
  static constexpr std::uint64_t kBlock = 4096;
  Store& store_;
  const std::string key_;
  std::mutex mutex_;  // guards next_ and ceiling_
  std::uint64_t next_ = 0, ceiling_ = 0;
};

}  // namespace pinc
