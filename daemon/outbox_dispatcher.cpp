#include "outbox_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <map>

#include "email_text.hpp"
#include "mime_message.hpp"
#include "pdf_letter.hpp"
#include "print_run.hpp"
#include "records_capnp.hpp"

namespace pinc {

namespace {

constexpr std::size_t kPage = 1000;
constexpr std::int64_t kMaxBackoffMs = 6LL * 3600 * 1000;
constexpr char kNoRelay[] = "no SMTP relay configured ([smtp] url in pincd's config)";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t backoff_ms(std::chrono::milliseconds base, std::uint32_t attempts) {
  std::int64_t wait = base.count();
  for (std::uint32_t i = 1; i < attempts && wait < kMaxBackoffMs; ++i) wait *= 2;
  return std::min(wait, kMaxBackoffMs);
}

std::string batch_record(Date day, std::size_t letters, int pages, const std::string& folder) {
  capnp::MallocMessageBuilder message;
  auto out = message.initRoot<schema::PrintBatch>();
  out.setDay(day_number(day));
  out.setLetters(static_cast<std::uint32_t>(letters));
  out.setPages(static_cast<std::uint32_t>(pages));
  out.setDirectory(folder);
  return records::to_packed(message);
}

std::string attachment_name(const letters::Letter& letter) {
  return std::string(letters::to_string(letter.kind)) + "-" + std::to_string(letter.dossier) + "-" +
         std::to_string(letter.effect_seq) + ".pdf";
}

// The writes that move a letter out of the pending queue into its final state.
void settle(std::vector<Write>& writes, const keys::Delivery& key, const DeliveryRecord& record) {
  writes.push_back({Family::dispatch, keys::pending_delivery(key), std::nullopt});
  const std::string final_key = record.state == DeliveryRecord::State::failed
                                    ? keys::failed_delivery(key)
                                    : keys::done_delivery(key);
  writes.push_back({Family::dispatch, final_key, encode_delivery(record)});
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(Store& store, Engine& engine, LetterSource& letters,
                                   const Calendar& calendar, EngineClock& clock,
                                   DispatchSettings settings)
    : store_(store),
      engine_(engine),
      letters_(letters),
      calendar_(calendar),
      clock_(clock),
      settings_(std::move(settings)),
      print_(settings_.print_dir) {}

OutboxDispatcher::~OutboxDispatcher() {
  stop();
}

Result<Done> OutboxDispatcher::recover_batches() {
  auto recovered = print_.recover([this](Date day) -> Result<bool> {
    auto batch = store_.get(Family::dispatch, keys::print_batch(day_number(day)));
    if (!batch) return batch.error();
    return batch->has_value();
  });
  if (recovered) staged_left_behind_ = false;
  return recovered;
}

Result<Done> OutboxDispatcher::start() {
  if (auto recovered = recover_batches(); !recovered) return recovered;
  if (settings_.smtp.url.empty()) spdlog::warn("outbox: {}; e-mails wait until one is", kNoRelay);
  thread_ = std::thread([this] { run(); });
  return Done{};
}

void OutboxDispatcher::stop() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  woken_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxDispatcher::wake() {
  {
    std::lock_guard lock(wake_mutex_);
    nudged_ = true;
  }
  woken_.notify_all();
}

void OutboxDispatcher::run() {
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    woken_.wait_for(lock, settings_.poll, [this] { return stopping_ || nudged_; });
    if (stopping_) break;
    nudged_ = false;
    lock.unlock();
    if (auto pass = run_pass(clock_.today()); !pass)
      spdlog::error("outbox: {}", pass.error().to_string());
    lock.lock();
  }
}

bool OutboxDispatcher::goes_by_post(const keys::Delivery& key) {
  if (key.route != keys::Route::creditor_notice) return key.route == keys::Route::post;
  auto state = store_.load_state(key.id);
  if (!state || !*state) return false;  // the e-mail path reports the problem
  return letters_.creditor((*state)->creditor).email.empty();
}

std::string OutboxDispatcher::message_id(const keys::Delivery& key) const {
  const std::string& sender = letters_.agency().email;
  const auto at = sender.find('@');
  const std::string domain = at == std::string::npos ? "pinc.invalid" : sender.substr(at + 1);
  return "pinc." + keys::delivery_name(key) + "@" + domain;
}

Result<DispatchCounts> OutboxDispatcher::run_pass(Date today) {
  std::lock_guard pass(pass_mutex_);
  DispatchCounts counts;
  // What a failed pass left staged is published (recorded, the rename failed) or removed first.
  if (staged_left_behind_)
    if (auto recovered = recover_batches(); !recovered) return recovered.error();

  // Without a relay the e-mails are left alone: `outbox list` says why they wait.
  const bool email_blocked = email_blocked_reason().has_value();
  // Everything due up to today, in (due, dossier, effect) order.
  std::map<Date, DueLetters> post_by_batch_day;
  std::vector<std::pair<keys::Delivery, std::string>> emails;
  const std::string until = keys::pending_delivery_until(day_number(today));
  std::string after;
  for (bool more = true; more;) {
    auto page = store_.scan(Family::dispatch, keys::kPendingDeliveryPrefix, after, kPage);
    if (!page) return page.error();
    more = page->size() == kPage;
    for (auto& [key_bytes, value] : *page) {
      if (key_bytes >= until) {
        more = false;
        break;
      }
      after = key_bytes;
      const auto key = keys::parse_pending_delivery(key_bytes);
      if (!key) continue;
      if (goes_by_post(*key)) {
        // A working day's batch holds the post due that day and on the days off before it.
        const Date batch_day = calendar_.working_day_on_or_after(date_of_day(key->due_day));
        if (batch_day < today) post_by_batch_day[batch_day].emplace_back(*key, std::move(value));
      } else if (!email_blocked) {
        emails.emplace_back(*key, std::move(value));
      }
    }
  }

  for (const auto& [day, due] : post_by_batch_day)
    if (auto cut = cut_batch(day, due, counts); !cut) return cut.error();

  // E-mail goes out on working days only, like the post.
  if (calendar_.is_working_day(today)) {
    for (const auto& [key, value] : emails) {
      auto record = decode_delivery(value, key);
      if (!record) return record.error();
      if (auto sent = send_email(key, std::move(*record), today, counts); !sent)
        return sent.error();
    }
  }
  if (counts.emailed + counts.posted + counts.cancelled + counts.failed > 0)
    spdlog::info("outbox {}: {} e-mailed, {} posted in {} batch(es), {} cancelled, {} failed",
                 format_date(today), counts.emailed, counts.posted, counts.batches,
                 counts.cancelled, counts.failed);
  return counts;
}

Result<Done> OutboxDispatcher::send_email(const keys::Delivery& key, DeliveryRecord record,
                                          Date today, DispatchCounts& counts) {
  if (record.next_attempt_ms > now_ms()) return Done{};
  std::vector<Write> writes;
  auto give_up = [&](std::string why) {
    record.state = DeliveryRecord::State::failed;
    record.last_error = std::move(why);
    settle(writes, key, record);
    ++counts.failed;
    spdlog::warn("outbox: {} given up: {}", keys::delivery_name(key), record.last_error);
    return store_.write(writes);
  };

  auto prepared = letters_.prepare(key);
  if (!prepared) return give_up(prepared.error().to_string());
  record.kind = letters::to_string(prepared->letter.kind);
  if (prepared->cancelled) {
    record.state = DeliveryRecord::State::cancelled;
    record.last_error = *prepared->cancelled;
    settle(writes, key, record);
    ++counts.cancelled;
    return store_.write(writes);
  }
  const letters::Letter& letter = prepared->letter;
  if (letter.recipient.email.empty()) return give_up("no e-mail address for the recipient");

  auto pdf = letters::render_pdf(letter, prepared->text);
  if (!pdf) return give_up(pdf.error().to_string());
  letters::MailMessage mail;
  mail.from_name = letters_.agency().name;
  mail.from_address = letters_.agency().email;
  mail.to_name = letter.recipient.name;
  mail.to_address = letter.recipient.email;
  mail.subject = prepared->text.subject;
  mail.message_id = message_id(key);
  mail.date = letters::rfc5322_date(now_ms() / 1000);
  mail.text = letters::email_text(letter, prepared->text);
  mail.attachment_name = attachment_name(letter);
  mail.attachment_pdf = std::move(*pdf);

  const letters::SmtpResult result = letters::send_mail(
      settings_.smtp, mail.from_address, mail.to_address, letters::mime_message(mail));
  ++record.attempts;
  record.message_id = mail.message_id;
  record.recipient = mail.to_address;
  if (result.accepted) {
    // Recorded at once: this write is the end of the one window in which a crash repeats a mail.
    record.state = DeliveryRecord::State::sent;
    record.sent_on = day_number(today);
    record.last_error.clear();
    settle(writes, key, record);
    ++counts.emailed;
    return record_sent(key, letter, Channel::email, today, std::move(writes));
  }
  if (result.failure == letters::SmtpFailure::permanent ||
      record.attempts >= settings_.max_attempts)
    return give_up(result.error + " (attempt " + std::to_string(record.attempts) + ")");
  record.last_error = result.error;
  record.next_attempt_ms = now_ms() + backoff_ms(settings_.retry_base, record.attempts);
  ++counts.retried;
  spdlog::info("outbox: {} attempt {} failed, next in {} ms: {}", keys::delivery_name(key),
               record.attempts, record.next_attempt_ms - now_ms(), result.error);
  writes.push_back({Family::dispatch, keys::pending_delivery(key), encode_delivery(record)});
  return store_.write(writes);
}

Result<Done> OutboxDispatcher::record_sent(const keys::Delivery& key, const letters::Letter& letter,
                                           Channel channel, Date today, std::vector<Write> writes) {
  const Date planned = date_of_day(key.due_day);
  if (today <= planned || !letter.term || key.route == keys::Route::creditor_notice)
    return store_.write(writes);
  Submission submission;
  submission.id = key.id;
  submission.input = Input{"outbox", LetterSent{planned, channel, today}};
  submission.extra = writes;
  std::promise<Result<CommandOutcome>> decided;
  engine_.submit(std::move(submission), [&decided](Result<CommandOutcome> outcome) {
    decided.set_value(std::move(outcome));
  });
  auto outcome = decided.get_future().get();
  if (outcome) return Done{};
  // The dossier refused (it may be gone): the letter is still sent, and recorded so.
  spdlog::warn("outbox: {} sent late, its dossier did not take it: {}", keys::delivery_name(key),
               outcome.error().to_string());
  return store_.write(writes);
}

Result<Done> OutboxDispatcher::cut_batch(Date day, const DueLetters& due, DispatchCounts& counts) {
  bool opened = false;
  auto stage_file = [&](const letters::PrintFile& file) -> Result<Done> {
    if (!opened) {
      if (auto done = print_.open_stage(day); !done) return done;
      opened = true;
    }
    return print_.stage_file(day, file.name, file.pdf);
  };
  auto post = draw_post(letters_, day, due, settings_.letters_per_file,
                        std::max(1u, std::thread::hardware_concurrency()), stage_file);
  if (!post) {
    staged_left_behind_ = opened;  // unrecorded: the next pass removes it before anything else
    return post.error();
  }
  std::vector<Write> writes;
  writes.reserve(2 * post->letters.size() + 1);
  for (const DeliveryRecord& letter : post->letters) settle(writes, letter.key, letter);
  counts.cancelled += post->cancelled;
  counts.failed += post->failed;
  if (post->sent == 0) return store_.write(writes);

  if (auto staged = print_.close_stage(day, letters::batch_manifest_csv(post->files)); !staged) {
    staged_left_behind_ = true;
    return staged;
  }
  writes.push_back({Family::dispatch, keys::print_batch(day_number(day)),
                    batch_record(day, post->sent, post->pages, print_.folder(day))});
  if (auto written = store_.write(writes); !written) {
    staged_left_behind_ = true;  // staged, never recorded: removed by the next pass
    return written;
  }
  counts.posted += post->sent;
  ++counts.batches;
  auto published = print_.publish(day);
  staged_left_behind_ = !published;
  return published;
}

Result<std::vector<DeliveryRecord>> OutboxDispatcher::list(bool failed, std::size_t limit,
                                                           bool& more) {
  auto rows = store_.scan(Family::dispatch,
                          failed ? keys::kFailedDeliveryPrefix : keys::kPendingDeliveryPrefix, "",
                          limit + 1);
  if (!rows) return rows.error();
  more = rows->size() > limit;
  if (more) rows->pop_back();
  std::vector<DeliveryRecord> out;
  for (const auto& [key_bytes, value] : *rows) {
    const auto key =
        failed ? keys::parse_settled_delivery(key_bytes) : keys::parse_pending_delivery(key_bytes);
    if (!key) continue;
    auto record = decode_delivery(value, *key);
    if (!record) return record.error();
    if (!failed && record->last_error.empty() && !goes_by_post(*key))
      record->last_error = email_blocked_reason().value_or("");
    out.push_back(std::move(*record));
  }
  return out;
}

std::optional<std::string> OutboxDispatcher::email_blocked_reason() const {
  if (settings_.smtp.url.empty()) return kNoRelay;
  if (letters_.agency().email.empty()) return "no sender address ([agency] email)";
  return std::nullopt;
}

Result<DeliveryRecord> OutboxDispatcher::retry(const std::string& name, const std::string& actor) {
  const auto key = keys::parse_delivery_name(name);
  if (!key)
    return make_error("ID", "'" + name + "' is not a letter's id (expected DOSSIER-SEQ-ROUTE, " +
                                "as pinc outbox list shows it)");
  std::lock_guard pass(pass_mutex_);
  auto failed = store_.get(Family::dispatch, keys::failed_delivery(*key));
  if (!failed) return failed.error();
  if (!*failed) {
    auto done = store_.get(Family::dispatch, keys::done_delivery(*key));
    if (!done) return done.error();
    if (*done) return make_error("ID", "letter " + name + " has gone out already");
    return make_error("ID", "no failed letter " + name + " (pinc outbox list --failed)");
  }
  auto record = decode_delivery(**failed, *key);
  if (!record) return record.error();
  record->state = DeliveryRecord::State::pending;
  record->attempts = 0;
  record->next_attempt_ms = 0;
  record->last_error = "retried by " + actor;
  // Back in line today: a letter is never sent before its own dispatch day.
  record->key.due_day = std::max(record->key.due_day, day_number(clock_.today()));
  auto written = store_.write(
      {{Family::dispatch, keys::failed_delivery(*key), std::nullopt},
       {Family::dispatch, keys::pending_delivery(record->key), encode_delivery(*record)}});
  if (!written) return written.error();
  spdlog::info("outbox: {} retried by {}", name, actor);
  wake();
  return std::move(*record);
}

}  // namespace pinc
