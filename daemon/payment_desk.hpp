#pragma once
// The payment desk: every bank transaction comes in here, from an uploaded file, the drop
// directory, the HTTP endpoint or a connector's stream, and is applied exactly once.
//
// For each transaction: a delivery seen before changes nothing (TransactionKeys); a pending entry
// or a debit that is not a reversal is ignored and counted; a return undoes the payment it returns
// (found by account, end-to-end id and amount); a credit in another currency, or one no rule
// matches with certainty (domain/payment_matching.hpp), waits in the unmatched queue for an
// operator. A matched credit goes to its dossier as a payment, with the records that say it was
// applied written in the same batch as the dossier's decision.
//
// A file is read twice: once to check it (a malformed file is refused whole, nothing applied),
// once to apply it. Calls block until what they applied is durable; run them off the RPC loop.
// Deliveries are taken one at a time. Thread-safe.
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "bank_file.hpp"
#include "clock.hpp"
#include "creditors.hpp"
#include "engine.hpp"
#include "payment_matching.hpp"
#include "sequence.hpp"
#include "store.hpp"
#include "transaction_key.hpp"

namespace pinc {

enum class PaymentOutcome : std::uint8_t { matched, unmatched, duplicate, ignored, reversed };
std::string_view to_string(PaymentOutcome outcome);

struct TransactionResult {
  PaymentOutcome outcome = PaymentOutcome::ignored;
  DossierId dossier = 0;       // matched or reversed: the dossier
  std::uint64_t queue_id = 0;  // unmatched: its id in the queue
};

struct FeedCounts {
  std::uint64_t matched = 0, unmatched = 0, duplicates = 0, ignored = 0, reversed = 0;
  void add(PaymentOutcome outcome);
};

struct FeedReport {
  feeds::FileSummary file;
  FeedCounts counts;
};

class PaymentDesk {
 public:
  PaymentDesk(Engine& engine, Store& store, CreditorRegistry& creditors, EngineClock& clock);

  // A bank file: checked whole, then applied. `source` names it in the queue and the history.
  // With `only`, a file of another format is refused before anything is applied. An Error whose
  // field is "engine" or "storage" is a failure on the way (try again); any other names the file.
  Result<FeedReport> ingest_file(const std::string& path, const std::string& source,
                                 std::optional<feeds::FileFormat> only = std::nullopt);

  // Transactions a connector streams. Identical twins are told apart within a batch; the same
  // batch sent again (a connector's retry) is recognised as delivered.
  Result<std::vector<TransactionResult>> ingest_batch(
      const std::vector<feeds::BankTransaction>& batch, const std::string& source);

  // The queue, in arrival order after `after_id`: UnmatchedPayment records (schema/pinc.capnp).
  struct QueuePage {
    std::vector<std::string> records;
    bool more = false;
  };
  // `ignored`: the ones operators set aside instead of those waiting.
  Result<QueuePage> unmatched(std::uint64_t after_id, std::size_t limit, bool ignored);
  // An operator's decision on a queued credit.
  Result<CommandOutcome> assign(std::uint64_t id, DossierId dossier, const std::string& actor);
  Result<Done> ignore(std::uint64_t id, const std::string& reason, const std::string& actor);

  // Dossiers were opened: queued credits whose words include one of `references` (their invoice
  // numbers, payment reference) are matched again, and applied if now certain. Returns how many.
  Result<std::size_t> rematch(const std::vector<std::string>& references);

 private:
  class Delivery;  // one file's or batch's transactions under way (payment_desk.cpp)

  MatchDecision match(const feeds::BankTransaction& transaction);

  Engine& engine_;
  Store& store_;
  CreditorRegistry& creditors_;
  EngineClock& clock_;
  Sequence queue_ids_;
  std::mutex delivery_mutex_;  // one delivery (or queue decision) at a time
};

}  // namespace pinc
