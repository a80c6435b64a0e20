#include "payment_desk.hpp"

#include <capnp/message.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <condition_variable>
#include <deque>
#include <map>
#include <set>

#include "bank_records.hpp"
#include "keys.hpp"
#include "pinc.capnp.h"
#include "records_capnp.hpp"
#include "references.hpp"

namespace pinc {

namespace s = schema;

std::string_view to_string(PaymentOutcome outcome) {
  switch (outcome) {
    case PaymentOutcome::matched:
      return "matched";
    case PaymentOutcome::unmatched:
      return "unmatched";
    case PaymentOutcome::duplicate:
      return "duplicate";
    case PaymentOutcome::ignored:
      return "ignored";
    case PaymentOutcome::reversed:
      return "reversed";
  }
  return "unknown";
}

void FeedCounts::add(PaymentOutcome outcome) {
  switch (outcome) {
    case PaymentOutcome::matched:
      ++matched;
      break;
    case PaymentOutcome::unmatched:
      ++unmatched;
      break;
    case PaymentOutcome::duplicate:
      ++duplicates;
      break;
    case PaymentOutcome::ignored:
      ++ignored;
      break;
    case PaymentOutcome::reversed:
      ++reversed;
      break;
  }
}

namespace {

constexpr std::size_t kMaxInFlight = 1024;       // payments submitted and not yet durable
constexpr std::size_t kQueueWritesBatch = 4096;  // queue records per synced write

std::string payment_id_of(const std::string& transaction_key) {
  return "bank:" + transaction_key;
}

// A stored UnmatchedPayment, read back.
struct QueuedPayment {
  std::uint64_t id = 0;
  std::string transaction_key;
  std::string source;
  feeds::BankTransaction transaction;
  std::string bytes;  // the record as stored
};

Result<QueuedPayment> decode_queued(const std::string& bytes) {
  try {
    records::PackedRecord stored(bytes);
    auto record = stored.root<s::UnmatchedPayment>();
    auto transaction = read_bank_transaction(record.getTransaction());
    if (!transaction) return transaction.error();
    return QueuedPayment{record.getId(), record.getTransactionKey().cStr(),
                         record.getSource().cStr(), std::move(*transaction), bytes};
  } catch (const kj::Exception& failure) {
    return make_error("unmatched",
                      std::string("damaged queue record: ") + failure.getDescription().cStr());
  }
}

// The words a queued payment is found by again when a dossier opens.
std::vector<std::string> queue_tokens(const feeds::BankTransaction& transaction) {
  std::vector<std::string> tokens =
      reference_tokens(transaction.remittance_text + " " + transaction.end_to_end_id);
  if (!transaction.structured_reference.empty()) tokens.push_back(transaction.structured_reference);
  return tokens;
}

std::vector<Write> forget_queued(const QueuedPayment& queued) {
  std::vector<Write> writes = {{Family::bank, keys::unmatched(queued.id), std::nullopt}};
  for (const std::string& token : queue_tokens(queued.transaction))
    writes.push_back({Family::bank, keys::unmatched_token(token, queued.id), std::nullopt});
  return writes;
}

// An error about a spooled upload names the file its sender knows, not the spool.
Error named_as(Error error, const std::string& path, const std::string& name) {
  for (std::string* text : {&error.field, &error.message})
    for (std::size_t at = text->find(path); at != std::string::npos; at = text->find(path, at))
      text->replace(at, path.size(), name);
  return error;
}

Date credited_on(const feeds::BankTransaction& transaction, Date today) {
  if (transaction.booking_date) return *transaction.booking_date;
  if (transaction.value_date) return *transaction.value_date;
  return today;
}

}  // namespace

// One delivery's transactions under way: payments submitted to the engine (at most
// kMaxInFlight at once), queue records gathered into batched writes, outcomes counted.
class PaymentDesk::Delivery {
 public:
  Delivery(PaymentDesk& desk, std::string source) : desk_(desk), source_(std::move(source)) {}

  // An operator's assignment: a payment its dossier refuses stays where it was in the queue,
  // and the refusal is the answer.
  void keep_refused_out_of_queue() { requeue_refused_ = false; }
  std::optional<std::string> refusal() {
    std::lock_guard lock(mutex_);
    return refusal_;
  }

  // Decides what becomes of one transaction; `result` is filled in now or once durable.
  void take(const feeds::BankTransaction& transaction, const std::string& key,
            TransactionResult* result) {
    auto seen = desk_.store_.get(Family::bank, keys::bank_transaction(key));
    if (!seen) return fail(seen.error());
    if (*seen) return settle(result, {PaymentOutcome::duplicate});
    if (transaction.status != "BOOK") return settle(result, {PaymentOutcome::ignored});
    if (transaction.reversal) return take_return(transaction, key, result);
    if (!transaction.credit) return settle(result, {PaymentOutcome::ignored});
    if (transaction.currency != "EUR")
      return queue(transaction, key, "currency " + transaction.currency + ": pinc books euros only",
                   {}, result);
    const MatchDecision decision = desk_.match(transaction);
    if (!decision.certain) return queue(transaction, key, decision.reason, decision, result);
    apply(transaction, key, decision, {}, "feed:" + source_, result);
  }

  // Applies a credit to `decision.dossier`; `extra` goes into the same batch.
  void apply(const feeds::BankTransaction& transaction, const std::string& key,
             const MatchDecision& decision, std::vector<Write> extra, const std::string& actor,
             TransactionResult* result) {
    const DossierId dossier = *decision.dossier;
    ReceivePayment payment;
    payment.payment_id = payment_id_of(key);
    payment.amount_cents = transaction.amount_cents;
    payment.date = credited_on(transaction, desk_.clock_.today());
    payment.designated_invoice = decision.designated_invoice;
    payment.source = std::string(feeds::to_string(transaction.format)) + " " + source_ + " (" +
                     (decision.rule ? std::string(to_string(*decision.rule)) : "operator") +
                     ", confidence " + std::to_string(decision.confidence) + ")";
    Submission submission{dossier, Input{actor, payment}, payment.payment_id, {}, std::move(extra)};
    if (!transaction.counterparty_iban.empty())
      submission.references.push_back(keys::payer_iban(transaction.counterparty_iban, dossier));
    submission.extra.push_back(
        {Family::bank, keys::bank_transaction(key), "a:" + std::to_string(dossier)});
    if (!transaction.end_to_end_id.empty())
      submission.extra.push_back({Family::bank,
                                  keys::end_to_end(transaction.account, transaction.end_to_end_id,
                                                   transaction.amount_cents),
                                  std::to_string(dossier) + " " + payment.payment_id});
    submit(std::move(submission), PaymentOutcome::matched, transaction, key, result);
  }

  // Waits for every payment, writes the queue records; the delivery is then durable.
  Result<Done> finish() {
    {
      std::unique_lock lock(mutex_);
      drained_.wait(lock, [&] { return in_flight_ == 0; });
    }
    // Payments the engine refused (a dossier that no longer takes them) wait for an operator.
    std::vector<Refused> refused;
    {
      std::lock_guard lock(mutex_);
      refused.swap(refused_);
    }
    for (Refused& item : refused) {
      if (requeue_refused_) {
        queue(item.transaction, item.key, item.reason, {}, item.result);
      } else {
        std::lock_guard lock(mutex_);
        refusal_ = item.reason;
      }
    }
    if (auto flushed = flush_queue(); !flushed) return flushed;
    if (error_) return *error_;
    return Done{};
  }

  FeedCounts counts() {
    std::lock_guard lock(mutex_);
    return counts_;
  }

 private:
  struct Refused {
    feeds::BankTransaction transaction;
    std::string key, reason;
    TransactionResult* result;
  };

  void settle(TransactionResult* result, TransactionResult value) {
    std::lock_guard lock(mutex_);
    *result = value;
    counts_.add(value.outcome);
  }

  void fail(const Error& error) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = error;
  }

  // A return undoes the payment it returns, found by account, end-to-end id and amount
  // (BANK-FEEDS.md section 4), never by the bank's own references.
  void take_return(const feeds::BankTransaction& transaction, const std::string& key,
                   TransactionResult* result) {
    if (transaction.credit)
      return queue(transaction, key, "a reversed debit (money back in): for an operator", {},
                   result);
    if (transaction.end_to_end_id.empty())
      return queue(transaction, key, "a return without an end-to-end id: for an operator", {},
                   result);
    auto original = desk_.store_.get(
        Family::bank,
        keys::end_to_end(transaction.account, transaction.end_to_end_id, transaction.amount_cents));
    if (!original) return fail(original.error());
    if (!*original)
      return queue(transaction, key,
                   "a return of a payment pinc did not apply (end-to-end id " +
                       transaction.end_to_end_id + ")",
                   {}, result);
    const std::string& link = **original;  // "<dossier> <payment id>"
    const std::size_t space = link.find(' ');
    DossierId dossier = 0;
    if (space == std::string::npos ||
        std::from_chars(link.data(), link.data() + space, dossier).ec != std::errc())
      return fail(make_error("storage", "damaged return link '" + link + "'"));
    ReversePayment reversal{link.substr(space + 1), transaction.return_reason.empty()
                                                        ? "returned by the bank"
                                                        : transaction.return_reason};
    Submission submission{dossier, Input{"feed:" + source_, reversal}, payment_id_of(key), {}, {}};
    submission.extra.push_back(
        {Family::bank, keys::bank_transaction(key), "r:" + std::to_string(dossier)});
    submit(std::move(submission), PaymentOutcome::reversed, transaction, key, result);
  }

  void submit(Submission submission, PaymentOutcome outcome,
              const feeds::BankTransaction& transaction, const std::string& key,
              TransactionResult* result) {
    {
      std::unique_lock lock(mutex_);
      drained_.wait(lock, [&] { return in_flight_ < kMaxInFlight; });
      ++in_flight_;
    }
    const DossierId dossier = submission.id;
    desk_.engine_.submit(std::move(submission), [this, outcome, dossier, transaction, key,
                                                 result](Result<CommandOutcome> done) {
      std::lock_guard lock(mutex_);
      if (done) {
        *result = {done->duplicate ? PaymentOutcome::duplicate : outcome, dossier, 0};
        counts_.add(result->outcome);
      } else if (done.error().field == "engine" || done.error().field == "storage") {
        // Not the dossier's answer but a failure on the way (a shard restarting, a full disk):
        // the delivery fails and is retried; queuing it would take it out of the flow for good.
        if (!error_) error_ = done.error();
      } else {
        refused_.push_back(
            {transaction, key,
             "dossier " + std::to_string(dossier) + " did not take it: " + done.error().to_string(),
             result});
      }
      --in_flight_;
      drained_.notify_all();
    });
  }

  void queue(const feeds::BankTransaction& transaction, const std::string& key,
             const std::string& reason, const MatchDecision& suggestion,
             TransactionResult* result) {
    auto id = desk_.queue_ids_.next();
    if (!id) return fail(id.error());
    capnp::MallocMessageBuilder message;
    auto record = message.initRoot<s::UnmatchedPayment>();
    record.setId(*id);
    record.setTransactionKey(key);
    record.setReceived(static_cast<std::int32_t>(desk_.clock_.today().time_since_epoch().count()));
    record.setReason(reason);
    if (suggestion.dossier) record.setSuggestedDossier(*suggestion.dossier);
    if (suggestion.rule) record.setSuggestedRule(std::string(to_string(*suggestion.rule)));
    record.setConfidence(static_cast<std::uint8_t>(suggestion.confidence));
    record.setSource(source_);
    write_bank_transaction(record.initTransaction(), transaction);
    queue_writes_.push_back({Family::bank, keys::unmatched(*id), records::to_packed(message)});
    queue_writes_.push_back(
        {Family::bank, keys::bank_transaction(key), "q:" + std::to_string(*id)});
    for (const std::string& token : queue_tokens(transaction))
      queue_writes_.push_back({Family::bank, keys::unmatched_token(token, *id), std::string()});
    settle(result, {PaymentOutcome::unmatched, 0, *id});
    if (queue_writes_.size() >= kQueueWritesBatch) {
      if (auto flushed = flush_queue(); !flushed) fail(flushed.error());
    }
  }

  Result<Done> flush_queue() {
    if (queue_writes_.empty()) return Done{};
    auto written = desk_.store_.write(queue_writes_);
    queue_writes_.clear();
    return written;
  }

  PaymentDesk& desk_;
  const std::string source_;
  std::vector<Write> queue_writes_;  // the delivery thread's only

  std::mutex mutex_;  // guards what follows: the engine's callbacks run on shard threads
  std::condition_variable drained_;
  std::size_t in_flight_ = 0;
  FeedCounts counts_;
  std::vector<Refused> refused_;
  std::optional<Error> error_;
  bool requeue_refused_ = true;
  std::optional<std::string> refusal_;
};

PaymentDesk::PaymentDesk(Engine& engine, Store& store, CreditorRegistry& creditors,
                         EngineClock& clock)
    : engine_(engine),
      store_(store),
      creditors_(creditors),
      clock_(clock),
      queue_ids_(store, "next-unmatched-id") {}

Result<FeedReport> PaymentDesk::ingest_file(const std::string& path, const std::string& source,
                                            std::optional<feeds::FileFormat> only) {
  // First pass: the whole file must be sound before anything of it is applied.
  auto checked = feeds::read_bank_file_at(path, [](const feeds::BankTransaction&) {});
  if (!checked) return named_as(checked.error(), path, source);
  if (only && checked->format != *only)
    return make_error(source, "is " + std::string(feeds::to_string(checked->format)) + ", not " +
                                  std::string(feeds::to_string(*only)));
  for (const std::string& statement : checked->unreconciled_statements)
    spdlog::warn("{}: statement {} does not reconcile; an operator should look at it", source,
                 statement);

  std::lock_guard lock(delivery_mutex_);
  Delivery delivery(*this, source);
  TransactionKeys keys;
  std::deque<TransactionResult> slots;  // where each outcome lands (stable as it grows)
  std::optional<Error> failure;
  auto applied = feeds::read_bank_file_at(path, [&](const feeds::BankTransaction& transaction) {
    if (failure) return;
    delivery.take(transaction, keys.next(transaction), &slots.emplace_back());
    // Settle what is under way now and then, so that memory stays flat on a million entries.
    if (slots.size() >= 2 * kMaxInFlight) {
      if (auto done = delivery.finish(); !done) failure = done.error();
      slots.clear();
    }
  });
  auto finished = delivery.finish();
  if (failure) return *failure;
  if (!applied) return named_as(applied.error(), path, source);  // it changed between passes
  if (!finished) return finished.error();
  return FeedReport{*applied, delivery.counts()};
}

Result<std::vector<TransactionResult>> PaymentDesk::ingest_batch(
    const std::vector<feeds::BankTransaction>& batch, const std::string& source) {
  std::lock_guard lock(delivery_mutex_);
  Delivery delivery(*this, source);
  TransactionKeys keys;
  std::vector<TransactionResult> results(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i)
    delivery.take(batch[i], keys.next(batch[i]), &results[i]);
  if (auto finished = delivery.finish(); !finished) return finished.error();
  return results;
}

// Evidence is gathered best first, and the search stops at the first kind that names a dossier:
// weaker evidence cannot change that decision (decide_match weighs the rules in this order), so
// a payment with its structured reference costs one lookup and one read.
MatchDecision PaymentDesk::match(const feeds::BankTransaction& transaction) {
  std::vector<MatchCandidate> found;
  std::map<DossierId, std::optional<DossierState>> states;
  auto add = [&](DossierId id, MatchRule rule, std::optional<std::string> invoice = {}) {
    auto [entry, added] = states.try_emplace(id);
    if (added) {
      auto state = store_.load_state(id);
      if (state && *state) entry->second = std::move(**state);
    }
    if (!entry->second) return;
    const DossierState& state = *entry->second;
    found.push_back({id, rule, open_cents(state), is_closed(state.stage), std::move(invoice)});
  };
  auto by_reference = [&](const std::string& reference, MatchRule rule) {
    if (auto id = store_.lookup_reference(keys::payment_reference(reference)); id && *id)
      add(**id, rule);
  };
  auto decided = [&] { return decide_match(transaction.amount_cents, found); };

  if (!transaction.structured_reference.empty())
    by_reference(transaction.structured_reference, MatchRule::structured_reference);
  if (auto decision = decided(); decision.dossier) return decision;

  const std::vector<std::string> creditors = creditors_.receiving(transaction.account);
  for (const std::string& token :
       reference_tokens(transaction.remittance_text + " " + transaction.end_to_end_id)) {
    by_reference(token, MatchRule::reference_in_text);
    for (const std::string& creditor : creditors)
      if (auto id = store_.lookup_reference(keys::invoice_reference(creditor, token)); id && *id)
        add(**id, MatchRule::invoice_in_text, token);
  }
  if (auto decision = decided(); decision.dossier) return decision;

  constexpr std::size_t kMaxPerIndex = 16;  // a common name or shared account is no evidence
  auto by_prefix = [&](const std::string& prefix, MatchRule rule) {
    auto rows = store_.scan(Family::refs, prefix, "", kMaxPerIndex);
    if (!rows) return;
    for (const auto& [key, value] : *rows)
      if (value.size() == 8) add(keys::read_u64(value, 0), rule);
  };
  if (!transaction.counterparty_iban.empty())
    by_prefix(keys::payer_iban_prefix(transaction.counterparty_iban), MatchRule::known_iban);
  if (auto decision = decided(); decision.dossier) return decision;
  if (const std::string name = normalize_name(transaction.counterparty_name); !name.empty())
    by_prefix(keys::debtor_name_prefix(name), MatchRule::name_and_amount);
  return decided();
}

Result<PaymentDesk::QueuePage> PaymentDesk::unmatched(std::uint64_t after_id, std::size_t limit,
                                                      bool ignored) {
  QueuePage page;
  limit = std::clamp<std::size_t>(limit, 1, 1000);
  const std::string start =
      after_id == 0 ? "" : (ignored ? keys::ignored_payment(after_id) : keys::unmatched(after_id));
  auto rows = store_.scan(Family::bank, ignored ? keys::kIgnoredPrefix : keys::kUnmatchedPrefix,
                          start, limit + 1);
  if (!rows) return rows.error();
  page.more = rows->size() > limit;
  if (page.more) rows->pop_back();
  for (auto& [key, value] : *rows) page.records.push_back(std::move(value));
  return page;
}

namespace {

Result<QueuedPayment> load_queued(Store& store, std::uint64_t id) {
  auto bytes = store.get(Family::bank, keys::unmatched(id));
  if (!bytes) return bytes.error();
  if (!*bytes) {
    auto ignored = store.get(Family::bank, keys::ignored_payment(id));
    if (ignored && *ignored)
      return make_error("id", "unmatched payment " + std::to_string(id) + " was set aside");
    return make_error("id", "no unmatched payment " + std::to_string(id) +
                                " waits (assigned already, or never queued)");
  }
  return decode_queued(**bytes);
}

}  // namespace

Result<CommandOutcome> PaymentDesk::assign(std::uint64_t id, DossierId dossier,
                                           const std::string& actor) {
  std::lock_guard lock(delivery_mutex_);
  auto queued = load_queued(store_, id);
  if (!queued) return queued.error();
  if (!queued->transaction.credit || queued->transaction.reversal)
    return make_error("id", "unmatched payment " + std::to_string(id) +
                                " is not a credit; only credits are assigned to dossiers");
  if (queued->transaction.currency != "EUR")
    return make_error("id", "unmatched payment " + std::to_string(id) + " is in " +
                                queued->transaction.currency + "; pinc books euros only");
  Delivery delivery(*this, queued->source);
  delivery.keep_refused_out_of_queue();
  MatchDecision decision;
  decision.dossier = dossier;
  decision.confidence = 100;
  TransactionResult result;
  delivery.apply(queued->transaction, queued->transaction_key, decision, forget_queued(*queued),
                 actor, &result);
  if (auto finished = delivery.finish(); !finished) return finished.error();
  if (auto refusal = delivery.refusal())
    return make_error("dossier", *refusal + "; payment " + std::to_string(id) + " stays queued");
  auto state = store_.load_state(dossier);
  if (!state) return state.error();
  if (!*state) return make_error("dossier", "no dossier with id " + std::to_string(dossier));
  return CommandOutcome{std::move(**state), result.outcome == PaymentOutcome::duplicate};
}

Result<Done> PaymentDesk::ignore(std::uint64_t id, const std::string& reason,
                                 const std::string& actor) {
  if (reason.empty()) return make_error("--reason", "say why the payment is set aside");
  std::lock_guard lock(delivery_mutex_);
  auto queued = load_queued(store_, id);
  if (!queued) return queued.error();
  records::PackedRecord stored(queued->bytes);
  capnp::MallocMessageBuilder message;
  message.setRoot(stored.root<s::UnmatchedPayment>());
  auto record = message.getRoot<s::UnmatchedPayment>();
  record.setIgnored(true);
  record.setIgnoreReason(reason + " (" + actor + ")");
  std::vector<Write> writes = forget_queued(*queued);
  writes.push_back({Family::bank, keys::ignored_payment(id), records::to_packed(message)});
  writes.push_back(
      {Family::bank, keys::bank_transaction(queued->transaction_key), "i:" + std::to_string(id)});
  return store_.write(writes);
}

Result<std::size_t> PaymentDesk::rematch(const std::vector<std::string>& references) {
  // Under the delivery lock: a delivery under way may be about to queue a credit for one of
  // these dossiers, decided before they existed; it is matched here once that delivery is done.
  std::lock_guard lock(delivery_mutex_);
  // Nothing waits (the common case, checked with one seek): nothing to match again.
  auto waiting = store_.scan(Family::bank, keys::kUnmatchedPrefix, "", 1);
  if (!waiting) return waiting.error();
  if (waiting->empty()) return std::size_t{0};
  std::set<std::uint64_t> ids;
  for (const std::string& reference : references) {
    auto rows = store_.scan(Family::bank, keys::unmatched_token_prefix(reference), "", 64);
    if (!rows) return rows.error();
    for (const auto& [key, value] : *rows) ids.insert(keys::read_u64(key, key.size() - 8));
  }
  if (ids.empty()) return std::size_t{0};
  Delivery delivery(*this, "rematch");
  std::deque<TransactionResult> results;
  for (const std::uint64_t id : ids) {
    auto queued = load_queued(store_, id);
    if (!queued) continue;  // assigned or ignored meanwhile
    const auto& transaction = queued->transaction;
    if (!transaction.credit || transaction.reversal || transaction.currency != "EUR") continue;
    const MatchDecision decision = match(transaction);
    if (!decision.certain) continue;
    delivery.apply(transaction, queued->transaction_key, decision, forget_queued(*queued),
                   "feed:" + queued->source, &results.emplace_back());
  }
  if (auto finished = delivery.finish(); !finished) return finished.error();
  std::size_t applied = 0;
  for (const auto& result : results)
    if (result.outcome == PaymentOutcome::matched) ++applied;
  return applied;
}

}  // namespace pinc
