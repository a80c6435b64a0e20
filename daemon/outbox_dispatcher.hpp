#pragma once
// Carries out the letters the dossiers' decisions queued (the dispatch family), each exactly once:
// e-mails through the agency's SMTP relay on their dispatch day, post gathered into one print batch
// per working day. A letter's state changes in RocksDB only after the outside world took it.
//
// The one window in which a crash repeats something: an e-mail the relay accepted (250 after DATA)
// whose "sent" record was not yet synced. pinc writes that record at once after the relay's
// answer, and the repeat carries the same Message-ID, so the receiving side can drop it. The print
// batch has no such window (print_directory.hpp).
//
// Runs on its own thread (never on a CAF scheduler thread): a pass every `poll` on the wall clock,
// and, with the simulated clock, one pass after every simulated day (Engine's after_day hook).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "calendar.hpp"
#include "clock.hpp"
#include "delivery_records.hpp"
#include "engine.hpp"
#include "letter_source.hpp"
#include "print_directory.hpp"
#include "print_run.hpp"
#include "smtp_client.hpp"
#include "store.hpp"

namespace pinc {

struct DispatchSettings {
  std::string print_dir;
  letters::SmtpSettings smtp;                   // url empty: no relay; e-mails wait, saying so
  std::chrono::milliseconds retry_base{60000};  // doubled after each failure, at most 6 hours
  std::uint32_t max_attempts = 8;               // then the letter is given up (dead letter)
  std::chrono::milliseconds poll{1000};
  std::size_t letters_per_file = 500;
};

struct DispatchCounts {
  std::size_t emailed = 0, posted = 0, cancelled = 0, failed = 0, retried = 0, batches = 0;
};

class OutboxDispatcher {
 public:
  OutboxDispatcher(Store& store, Engine& engine, LetterSource& letters, const Calendar& calendar,
                   EngineClock& clock, DispatchSettings settings);
  ~OutboxDispatcher();  // stops the thread
  OutboxDispatcher(const OutboxDispatcher&) = delete;
  OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

  Result<Done> start();  // publishes or drops batches a crash left staged, then starts the thread
  void stop();

  // One pass as of `today`: cuts the print batch of every working day before today that has post
  // waiting, and (on a working day) sends the e-mails due. Serialized with the thread's passes.
  Result<DispatchCounts> run_pass(Date today);
  void wake();

  // Letters waiting (due first), or those given up.
  Result<std::vector<DeliveryRecord>> list(bool failed, std::size_t limit, bool& more);
  // A failed letter back in line, to go out at the next pass.
  Result<DeliveryRecord> retry(const std::string& name, const std::string& actor);

 private:
  void run();
  Result<Done> send_email(const keys::Delivery& key, DeliveryRecord record, Date today,
                          DispatchCounts& counts);
  Result<Done> cut_batch(Date day, const DueLetters& due, DispatchCounts& counts);
  bool goes_by_post(const keys::Delivery& key);
  // Why no e-mail can leave (no relay, no sender address); such e-mails wait, untouched.
  std::optional<std::string> email_blocked_reason() const;
  Result<Done> recover_batches();  // publishes or drops what a crash or failure left staged
  // Records a sent letter; one that left after its dispatch day and carries a term also tells its
  // dossier, in the same batch, so the term counts from the later receipt (NL-RULES 2.4).
  Result<Done> record_sent(const keys::Delivery& key, const letters::Letter& letter,
                           Channel channel, Date today, std::vector<Write> writes);
  std::string message_id(const keys::Delivery& key) const;

  Store& store_;
  Engine& engine_;
  LetterSource& letters_;
  const Calendar& calendar_;
  EngineClock& clock_;
  DispatchSettings settings_;
  PrintDirectory print_;

  std::mutex pass_mutex_;  // one pass at a time: a letter is never handled by two
  std::mutex wake_mutex_;
  std::condition_variable woken_;
  bool stopping_ = false;
  bool nudged_ = false;
  // A DAY.partial a failed pass left (unpublished, or never recorded); guarded by pass_mutex_.
  bool staged_left_behind_ = false;
  std::thread thread_;
};

}  // namespace pinc
