#pragma once
// The one clock of a pincd: the wall clock (the date in the Netherlands) or a simulated clock that
// an admin moves. Everything that depends on time reads it here. Thread-safe.
#include <atomic>

#include "date.hpp"

namespace pinc {

class EngineClock {
 public:
  static EngineClock wall();
  static EngineClock simulated(Date start);

  Date today() const;
  bool is_simulated() const { return simulated_; }
  // Simulated clock only: the engine moves it a day at a time (Engine::advance).
  void set(Date day) { day_.store(static_cast<std::int32_t>(day.time_since_epoch().count())); }

  EngineClock(const EngineClock& other) : simulated_(other.simulated_), day_(other.day_.load()) {}
  EngineClock& operator=(const EngineClock& other) {
    simulated_ = other.simulated_;
    day_.store(other.day_.load());
    return *this;
  }

 private:
  EngineClock(bool simulated, Date day)
      : simulated_(simulated), day_(static_cast<std::int32_t>(day.time_since_epoch().count())) {}
  bool simulated_;
  std::atomic<std::int32_t> day_;
};

// The civil date in the Netherlands (CET/CEST by the EU rule) at a UTC moment.
Date dutch_date(std::chrono::system_clock::time_point now);

}  // namespace pinc
