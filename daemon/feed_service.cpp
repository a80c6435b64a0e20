#include "feed_service.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "bank_records.hpp"
#include "rpc_support.hpp"

namespace pinc {

namespace {

namespace s = schema;
using namespace rpc;

constexpr std::uint64_t kMaxUploadBytes = 8ull << 30;  // a bank file larger than this is a mistake

void write_text_list(capnp::List<capnp::Text>::Builder out, const std::vector<std::string>& lines) {
  for (unsigned i = 0; i < lines.size(); ++i) out.set(i, lines[i]);
}

// An upload spooled to DATA/inbox; the file is removed when the upload object goes.
class FileUploadImpl final : public s::FileUpload::Server {
 public:
  FileUploadImpl(FeedContext& context, std::string name)
      : context_(context), name_(std::move(name)) {
    static std::atomic<std::uint64_t> uploads{0};
    path_ = context_.inbox_dir + "/upload-" + std::to_string(::getpid()) + "-" +
            std::to_string(++uploads) + ".part";
    out_.open(path_, std::ios::binary | std::ios::trunc);
  }
  ~FileUploadImpl() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  kj::Promise<void> write(WriteContext call) override {
    if (finished_) fail(make_error("upload", "already finished"));
    auto bytes = call.getParams().getBytes();
    written_ += bytes.size();
    if (written_ > kMaxUploadBytes) fail(make_error(name_, "larger than 8 GiB"));
    out_.write(reinterpret_cast<const char*>(bytes.begin()),
               static_cast<std::streamsize>(bytes.size()));
    if (!out_) fail(make_error(name_, "cannot spool the upload to " + path_ + " (disk full?)"));
    return kj::READY_NOW;
  }

  kj::Promise<void> finish(FinishContext call) override {
    if (finished_) fail(make_error("upload", "already finished"));
    finished_ = true;
    out_.close();
    if (!out_) fail(make_error(name_, "cannot spool the upload to " + path_ + " (disk full?)"));
    PaymentDesk* payments = &context_.payments;
    return off_thread<Result<FeedReport>>(
               context_.work,
               [payments, path = path_, name = name_] { return payments->ingest_file(path, name); })
        .then([call, name = name_](Result<FeedReport> report) mutable {
          if (!report) fail(report.error());
          spdlog::info("feed {}: {} matched, {} unmatched, {} duplicates, {} ignored, {} reversed",
                       name, report->counts.matched, report->counts.unmatched,
                       report->counts.duplicates, report->counts.ignored, report->counts.reversed);
          write_feed_summary(call.getResults().initSummary(), *report);
        });
  }

 private:
  FeedContext& context_;
  std::string name_, path_;
  std::ofstream out_;
  std::uint64_t written_ = 0;
  bool finished_ = false;
};

// A connector's stream: each batch applied on its own, in the order they come.
class TransactionStreamImpl final : public s::TransactionStream::Server {
 public:
  explicit TransactionStreamImpl(FeedContext& context) : context_(context) {}

  kj::Promise<void> push(PushContext call) override {
    auto in = call.getParams().getTransactions();
    if (in.size() > 10000) fail(make_error("transactions", "at most 10,000 per push"));
    auto batch = std::make_shared<std::vector<feeds::BankTransaction>>();
    auto refused = std::make_shared<std::vector<std::pair<unsigned, std::string>>>();
    std::vector<unsigned> positions;  // where each accepted transaction sits in the push
    for (unsigned i = 0; i < in.size(); ++i) {
      auto transaction = read_bank_transaction(in[i]);
      if (!transaction) {
        refused->emplace_back(i, transaction.error().to_string());
        continue;
      }
      positions.push_back(i);
      batch->push_back(std::move(*transaction));
    }
    PaymentDesk* payments = &context_.payments;
    return off_thread<Result<std::vector<TransactionResult>>>(
               context_.work,
               [payments, batch] { return payments->ingest_batch(*batch, "stream"); })
        .then([call, positions = std::move(positions), refused,
               count = in.size()](Result<std::vector<TransactionResult>> results) mutable {
          if (!results) fail(results.error());
          auto out = call.getResults().initResults(count);
          for (std::size_t k = 0; k < positions.size(); ++k) {
            const TransactionResult& result = (*results)[k];
            auto row = out[positions[k]];
            row.setOutcome(std::string(to_string(result.outcome)));
            row.setDossier(result.outcome == PaymentOutcome::unmatched ? result.queue_id
                                                                       : result.dossier);
          }
          for (const auto& [position, error] : *refused) {
            out[position].setOutcome("rejected");
            out[position].setError(error);
          }
        });
  }

 private:
  FeedContext& context_;
};

class FeedImpl final : public s::Feed::Server {
 public:
  explicit FeedImpl(FeedContext& context) : context_(context) {}

  kj::Promise<void> ping(PingContext) override { return kj::READY_NOW; }

  kj::Promise<void> upload(UploadContext call) override {
    std::string name = text(call.getParams().getName());
    if (name.empty()) name = "upload";
    call.getResults().setUpload(kj::heap<FileUploadImpl>(context_, std::move(name)));
    return kj::READY_NOW;
  }

  kj::Promise<void> stream(StreamContext call) override {
    call.getResults().setStream(kj::heap<TransactionStreamImpl>(context_));
    return kj::READY_NOW;
  }

 private:
  FeedContext& context_;
};

}  // namespace

kj::Own<schema::Feed::Server> make_feed(FeedContext& context) {
  return kj::heap<FeedImpl>(context);
}

void write_feed_summary(schema::FeedSummary::Builder out, const FeedReport& report) {
  out.setStatements(report.file.statements);
  out.setEntries(report.file.totals.entries);
  out.setTransactions(report.file.transactions);
  out.setMatched(report.counts.matched);
  out.setUnmatched(report.counts.unmatched);
  out.setDuplicates(report.counts.duplicates);
  out.setIgnored(report.counts.ignored);
  out.setReversed(report.counts.reversed);
  out.setRejected(0);
  write_text_list(out.initWarnings(static_cast<unsigned>(report.file.warnings.size())),
                  report.file.warnings);
  write_text_list(
      out.initUnreconciled(static_cast<unsigned>(report.file.unreconciled_statements.size())),
      report.file.unreconciled_statements);
}

}  // namespace pinc
