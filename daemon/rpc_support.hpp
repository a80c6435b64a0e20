#pragma once
// Helpers for pincd's Cap'n Proto services: errors as kj exceptions whose text names the field,
// day numbers, and waiting on the RPC (kj) thread for work done on other threads without ever
// blocking the event loop.
#include <capnp/capability.h>
#include <kj/async.h>
#include <kj/debug.h>

#include <memory>
#include <optional>
#include <string>

#include "blocking_work.hpp"
#include "date.hpp"
#include "result.hpp"

namespace pinc::rpc {

inline std::int32_t day(Date date) {
  return day_number(date);
}
inline Date date_of(std::int32_t number) {
  return date_of_day(number);
}
inline std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

[[noreturn]] inline void fail(const Error& error) {
  kj::throwFatalException(KJ_EXCEPTION(FAILED, kj::str(error.to_string().c_str())));
}
template <class T>
T value_or_throw(Result<T> result) {
  if (!result) fail(result.error());
  return std::move(result).value();
}

// Waits on this (kj) thread for a value another thread produces. The cross-thread promise itself
// carries nothing: kj's storage of a non-trivial value trips a false -Wmaybe-uninitialized in
// g++ 12 (../shared/BUILD-NOTES.md), so the value waits beside it, written before the fulfil.
template <class T>
struct Handoff {
  std::optional<T> value;
  kj::Own<kj::CrossThreadPromiseFulfiller<void>> fulfiller;
  void deliver(T result) {
    value = std::move(result);
    fulfiller->fulfill();
  }
};

template <class T>
std::pair<kj::Promise<T>, std::shared_ptr<Handoff<T>>> handoff() {
  auto paf = kj::newPromiseAndCrossThreadFulfiller<void>();
  auto box = std::make_shared<Handoff<T>>();
  box->fulfiller = kj::mv(paf.fulfiller);
  auto promise = paf.promise.then([box]() -> T { return std::move(*box->value); });
  return {kj::mv(promise), box};
}

// Runs blocking work (a scan of every dossier, advancing the clock) off the RPC loop.
template <class T, class Work>
kj::Promise<T> off_thread(BlockingWork& threads, Work work) {
  auto [promise, box] = handoff<T>();
  const bool started =
      threads.start([box = box, work = std::move(work)]() mutable { box->deliver(work()); });
  if (!started)
    kj::throwFatalException(
        KJ_EXCEPTION(OVERLOADED, "pincd: too many long calls at once; try again shortly"));
  return kj::mv(promise);
}

}  // namespace pinc::rpc
