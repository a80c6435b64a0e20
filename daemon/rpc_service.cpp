#include "rpc_service.hpp"

#include <capnp/capability.h>
#include <kj/async.h>
#include <kj/debug.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <map>
#include <memory>
#include <thread>

#include "command_input.hpp"
#include "dossier_queries.hpp"
#include "dossier_views.hpp"
#include "email_text.hpp"
#include "keys.hpp"
#include "pdf_letter.hpp"
#include "records_capnp.hpp"
#include "references.hpp"
#include "rpc_support.hpp"
#include "sequence.hpp"

namespace pinc {

namespace {

namespace s = schema;
using namespace rpc;

// Sends an input to the engine; the promise resolves on this (kj) thread.
kj::Promise<Result<CommandOutcome>> submit(Engine& engine, DossierId id, Input input,
                                           std::optional<std::string> key,
                                           std::vector<std::string> references = {}) {
  auto [promise, box] = handoff<Result<CommandOutcome>>();
  engine.submit(Submission{id, std::move(input), std::move(key), std::move(references), {}},
                [box = box](Result<CommandOutcome> outcome) { box->deliver(std::move(outcome)); });
  return kj::mv(promise);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string operator_name(std::string actor) {
  return actor.empty() ? "operator" : actor;
}

struct Shared {  // state of the RPC side, owned by the kj thread
  ServiceContext& context;
  Sequence ids;
  std::map<std::string, DossierId> opening;  // debtor key -> id, for dossiers not yet committed
  explicit Shared(ServiceContext& c) : context(c), ids(c.store, "next-id") {}
};

class ImportSinkImpl final : public s::ImportSink::Server {
 public:
  explicit ImportSinkImpl(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  kj::Promise<void> add(AddContext call) override {
    auto rows = call.getParams().getRows();
    struct RowOutcome {
      std::uint32_t line;
      bool accepted = false, duplicate = false;
      DossierId dossier = 0;
      std::string error;
    };
    auto outcomes = std::make_shared<std::vector<RowOutcome>>(rows.size());
    // Rows of one debtor in this chunk open (or extend) one dossier together.
    std::map<std::string, std::pair<OpenDossier, std::vector<std::size_t>>> dossiers;
    Store& store = shared_->context.store;
    for (unsigned i = 0; i < rows.size(); ++i) {
      auto row = rows[i];
      RowOutcome& outcome = (*outcomes)[i];
      outcome.line = row.getLine();
      auto invoice = check_row(row);
      if (!invoice) {
        outcome.error = invoice.error().to_string();
        continue;
      }
      const std::string creditor = text(row.getCreditor());
      const std::string debtor_ref = text(row.getDebtorRef());
      const std::string debtor_key = keys::debtor_reference(creditor, debtor_ref);
      // An invoice number already known for this creditor: in this debtor's dossier it is a
      // duplicate (nothing new); in another debtor's it is a conflict.
      auto owner = store.lookup_reference(keys::invoice_reference(creditor, invoice->number));
      if (!owner) {
        outcome.error = owner.error().to_string();
        continue;
      }
      auto entry = dossiers.find(debtor_key);
      if (entry == dossiers.end()) {
        auto id = dossier_for(debtor_key);
        if (!id) {
          outcome.error = id.error().to_string();
          continue;
        }
        OpenDossier open;
        open.id = *id;
        open.creditor = creditor;
        open.strategy = "creditor";
        open.payment_reference = make_betalingskenmerk(*id);
        open.debtor.ref = debtor_ref;
        open.debtor.name = text(row.getDebtorName());
        open.debtor.kind = parse_debtor_kind(text(row.getDebtorKind()), "debtor_kind").value();
        open.debtor.email = text(row.getEmail());
        open.debtor.phone = text(row.getPhone());
        open.debtor.address = Address{text(row.getStreet()), text(row.getPostcode()),
                                      text(row.getCity()), text(row.getCountry())};
        entry =
            dossiers
                .emplace(debtor_key, std::make_pair(std::move(open), std::vector<std::size_t>{}))
                .first;
      }
      if (*owner && **owner != entry->second.first.id) {
        outcome.error = "invoice: '" + invoice->number + "' of " + creditor +
                        " is already in dossier " + std::to_string(**owner);
        continue;
      }
      outcome.duplicate = owner->has_value();
      entry->second.first.invoices.push_back(*invoice);
      entry->second.second.push_back(i);
    }

    kj::Vector<kj::Promise<void>> pending;
    // What a payment that came before its dossier could name: invoice numbers, the reference.
    std::vector<std::string> references;
    for (auto& [debtor_key, group] : dossiers) {
      auto& [open, indexes] = group;
      const DossierId id = open.id;
      references.push_back(open.payment_reference);
      for (const InvoiceInput& invoice : open.invoices) references.push_back(upper(invoice.number));
      for (std::size_t index : indexes) (*outcomes)[index].dossier = id;
      pending.add(
          submit(shared_->context.engine, id, Input{"import", std::move(open)}, std::nullopt)
              .then([outcomes, indexes = indexes, shared = shared_,
                     debtor_key = debtor_key](Result<CommandOutcome> result) {
                shared->opening.erase(debtor_key);
                for (std::size_t index : indexes) {
                  if (result)
                    (*outcomes)[index].accepted = true;
                  else
                    (*outcomes)[index].error = result.error().to_string();
                }
              }));
    }
    PaymentDesk* payments = &shared_->context.payments;
    BlockingWork* work = &shared_->context.work;
    return kj::joinPromises(pending.releaseAsArray())
        .then([payments, work, references = std::move(references)]() mutable {
          return off_thread<Result<std::size_t>>(
              *work, [payments, references] { return payments->rematch(references); });
        })
        .then([call, outcomes](Result<std::size_t> rematched) mutable {
          if (!rematched)
            spdlog::error("import: matching queued payments: {}", rematched.error().to_string());
          else if (*rematched > 0)
            spdlog::info("import: {} queued payments matched new dossiers", *rematched);
          auto results = call.getResults().initResults(static_cast<unsigned>(outcomes->size()));
          for (unsigned i = 0; i < outcomes->size(); ++i) {
            const RowOutcome& outcome = (*outcomes)[i];
            results[i].setLine(outcome.line);
            results[i].setAccepted(outcome.accepted && outcome.error.empty());
            results[i].setDossier(outcome.dossier);
            results[i].setDuplicate(outcome.duplicate);
            results[i].setError(outcome.error);
          }
        });
  }

 private:
  Result<InvoiceInput> check_row(s::ImportRow::Reader row) {
    const std::string creditor = text(row.getCreditor());
    if (creditor.empty()) return make_error("creditor", "is empty");
    if (!shared_->context.creditors.find(creditor))
      return make_error("creditor", "unknown creditor '" + creditor + "' (add it first)");
    if (row.getDebtorRef().size() == 0) return make_error("debtor_ref", "is empty");
    if (row.getDebtorName().size() == 0) return make_error("debtor_name", "is empty");
    if (auto kind = parse_debtor_kind(text(row.getDebtorKind()), "debtor_kind"); !kind)
      return kind.error();
    const std::string email = text(row.getEmail());
    if (!email.empty() && email.find('@') == std::string::npos)
      return make_error("email", "'" + email + "' is not an e-mail address");
    InvoiceInput invoice;
    invoice.number = text(row.getInvoice());
    if (invoice.number.empty()) return make_error("invoice", "is empty");
    auto invoice_date = parse_date(text(row.getInvoiceDate()), "invoice_date");
    if (!invoice_date) return invoice_date.error();
    auto due_date = parse_date(text(row.getDueDate()), "due_date");
    if (!due_date) return due_date.error();
    auto amount = parse_amount(text(row.getAmount()), "amount");
    if (!amount) return amount.error();
    if (*amount == 0) return make_error("amount", "must be more than 0");
    invoice.invoice_date = *invoice_date;
    invoice.due_date = *due_date;
    invoice.amount_cents = *amount;
    return invoice;
  }

  Result<DossierId> dossier_for(const std::string& debtor_key) {
    if (auto opening = shared_->opening.find(debtor_key); opening != shared_->opening.end())
      return opening->second;
    auto known = shared_->context.store.lookup_reference(debtor_key);
    if (!known) return known.error();
    if (*known) return **known;
    auto id = shared_->ids.next();
    if (id) shared_->opening[debtor_key] = *id;
    return id;
  }

  std::shared_ptr<Shared> shared_;
};

class OperatorImpl : public virtual s::Operator::Server {
 public:
  explicit OperatorImpl(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  kj::Promise<void> show(ShowContext call) override {
    const DossierId id = call.getParams().getId();
    auto state = value_or_throw(shared_->context.store.load_state(id));
    if (!state) fail(make_error("dossier", "no dossier with id " + std::to_string(id)));
    auto history = value_or_throw(shared_->context.store.load_events(id, 0, 100000));
    auto detail = call.getResults().initDossier();
    records::write_state(detail.initState(), *state);
    auto events = detail.initHistory(static_cast<unsigned>(history.size()));
    for (unsigned i = 0; i < history.size(); ++i) records::write_event(events[i], history[i]);
    write_summary(detail.initSummary(), *state);
    const auto creditor = shared_->context.creditors.find(state->creditor);
    const auto schedule = planned_schedule(*state, creditor.get(), shared_->context.calendar);
    auto steps = detail.initSchedule(static_cast<unsigned>(schedule.size()));
    for (unsigned i = 0; i < schedule.size(); ++i) {
      steps[i].setName(schedule[i].first);
      steps[i].setDate(day(schedule[i].second));
    }
    auto outbox =
        value_or_throw(shared_->context.store.scan(Family::outbox, keys::dossier(id), "", 10000));
    auto effects = detail.initEffects(static_cast<unsigned>(outbox.size()));
    for (unsigned i = 0; i < outbox.size(); ++i) {
      // Copied whole, the dispatcher's bookkeeping included.
      records::PackedRecord stored(outbox[i].second);
      effects.setWithCaveats(i, stored.root<s::Effect>());
    }
    std::vector<DeliveryRecord> settled;
    for (const std::string& prefix : {keys::done_deliveries_of(id), keys::failed_deliveries_of(id)})
      for (const auto& [key_bytes, value] :
           value_or_throw(shared_->context.store.scan(Family::dispatch, prefix, "", 10000)))
        if (auto key = keys::parse_settled_delivery(key_bytes))
          settled.push_back(value_or_throw(decode_delivery(value, *key)));
    auto deliveries = detail.initDeliveries(static_cast<unsigned>(settled.size()));
    for (unsigned i = 0; i < settled.size(); ++i) write_delivery(deliveries[i], settled[i]);
    return kj::READY_NOW;
  }

  kj::Promise<void> list(ListContext call) override {
    auto params = call.getParams();
    auto filter = params.getFilter();
    ListQuery query{text(filter.getStage()), text(filter.getCreditor()),
                    filter.getDueFrom(),     filter.getDueTo(),
                    params.getAfterId(),     std::clamp<std::uint32_t>(params.getLimit(), 1, 1000)};
    Store* store = &shared_->context.store;
    return off_thread<Result<ListPage>>(shared_->context.work,
                                        [store, query] { return list_page(*store, query); })
        .then([call](Result<ListPage> page) mutable {
          if (!page) fail(page.error());
          auto results = call.getResults();
          auto out = results.initRows(static_cast<unsigned>(page->rows.size()));
          for (unsigned i = 0; i < page->rows.size(); ++i) write_summary(out[i], page->rows[i]);
          results.setMore(page->more);
          results.setNextAfter(page->next_after);
        });
  }

  kj::Promise<void> command(CommandContext call) override {
    auto params = call.getParams();
    const DossierId id = params.getId();
    std::string actor = text(params.getActor());
    if (actor.empty()) actor = "operator";
    auto input =
        value_or_throw(to_input(params.getCommand(), actor, shared_->context.clock.today()));
    std::optional<std::string> key;
    if (params.getRequestId().size() > 0) key = "cmd:" + text(params.getRequestId());
    return submit(shared_->context.engine, id, std::move(input), key)
        .then([call](Result<CommandOutcome> outcome) mutable {
          if (!outcome) fail(outcome.error());
          write_summary(call.getResults().initDossier(), outcome->state);
          call.getResults().setDuplicate(outcome->duplicate);
        });
  }

  // The call-task index (keys.hpp, 'C') holds open call tasks in due order: one seek.
  kj::Promise<void> callNext(CallNextContext call) override {
    Store& store = shared_->context.store;
    auto first = value_or_throw(store.scan_references(keys::kCallTaskPrefix, 1));
    auto results = call.getResults();
    results.setFound(false);
    if (first.empty()) return kj::READY_NOW;
    auto state = value_or_throw(store.load_state(first.front().second));
    if (!state || !state->schedule.call_task_due) return kj::READY_NOW;
    results.setFound(true);
    write_summary(results.initDossier(), *state);
    results.setDue(day(*state->schedule.call_task_due));
    return kj::READY_NOW;
  }

  kj::Promise<void> stats(StatsContext call) override {
    Store* store = &shared_->context.store;
    return off_thread<Result<StageTotals>>(shared_->context.work,
                                           [store] { return stage_totals(*store); })
        .then([call](Result<StageTotals> totals) mutable {
          if (!totals) fail(totals.error());
          auto out = call.getResults().initStages(static_cast<unsigned>(totals->size()));
          unsigned i = 0;
          for (const auto& [stage, total] : *totals) {
            out[i].setStage(stage);
            out[i].setDossiers(total.first);
            out[i].setOpenCents(total.second);
            ++i;
          }
        });
  }

  kj::Promise<void> import(ImportContext call) override {
    call.getResults().setSink(kj::heap<ImportSinkImpl>(shared_));
    return kj::READY_NOW;
  }

  kj::Promise<void> unmatchedList(UnmatchedListContext call) override {
    auto params = call.getParams();
    PaymentDesk* payments = &shared_->context.payments;
    return off_thread<Result<PaymentDesk::QueuePage>>(
               shared_->context.work,
               [payments, after = params.getAfterId(), limit = params.getLimit(),
                ignored = params.getIgnored()] {
                 return payments->unmatched(after, limit, ignored);
               })
        .then([call](Result<PaymentDesk::QueuePage> page) mutable {
          if (!page) fail(page.error());
          auto rows = call.getResults().initRows(static_cast<unsigned>(page->records.size()));
          for (unsigned i = 0; i < page->records.size(); ++i) {
            records::PackedRecord stored(page->records[i]);
            rows.setWithCaveats(i, stored.root<s::UnmatchedPayment>());
          }
          call.getResults().setMore(page->more);
        });
  }

  kj::Promise<void> outboxList(OutboxListContext call) override {
    auto params = call.getParams();
    OutboxDispatcher* outbox = &shared_->context.outbox;
    const std::size_t limit = std::clamp<std::size_t>(params.getLimit(), 1, 1000);
    struct Page {
      std::vector<DeliveryRecord> rows;
      bool more = false;
    };
    return off_thread<Result<Page>>(shared_->context.work,
                                    [outbox, failed = params.getFailed(), limit]() -> Result<Page> {
                                      Page page;
                                      auto rows = outbox->list(failed, limit, page.more);
                                      if (!rows) return rows.error();
                                      page.rows = std::move(*rows);
                                      return page;
                                    })
        .then([call](Result<Page> page) mutable {
          if (!page) fail(page.error());
          auto rows = call.getResults().initDeliveries(static_cast<unsigned>(page->rows.size()));
          for (unsigned i = 0; i < page->rows.size(); ++i) write_delivery(rows[i], page->rows[i]);
          call.getResults().setMore(page->more);
        });
  }

  kj::Promise<void> outboxRetry(OutboxRetryContext call) override {
    auto params = call.getParams();
    OutboxDispatcher* outbox = &shared_->context.outbox;
    const std::string actor = operator_name(text(params.getActor()));
    return off_thread<Result<DeliveryRecord>>(shared_->context.work,
                                              [outbox, name = text(params.getName()), actor] {
                                                return outbox->retry(name, actor);
                                              })
        .then([call](Result<DeliveryRecord> record) mutable {
          if (!record) fail(record.error());
          write_delivery(call.getResults().initDelivery(), *record);
        });
  }

  kj::Promise<void> letterPreview(LetterPreviewContext call) override {
    auto params = call.getParams();
    LetterSource* letters = &shared_->context.letters;
    const Date today = shared_->context.clock.today();
    struct Preview {
      std::string pdf, subject, text, kind;
    };
    return off_thread<Result<Preview>>(
               shared_->context.work,
               [letters, id = params.getId(), step = text(params.getStep()),
                today]() -> Result<Preview> {
                 auto prepared = letters->preview(id, step, today);
                 if (!prepared) return prepared.error();
                 auto pdf = letters::render_pdf(prepared->letter, prepared->text);
                 if (!pdf) return pdf.error();
                 return Preview{std::move(*pdf), prepared->text.subject,
                                letters::email_text(prepared->letter, prepared->text),
                                std::string(letters::to_string(prepared->letter.kind))};
               })
        .then([call](Result<Preview> preview) mutable {
          if (!preview) fail(preview.error());
          auto results = call.getResults();
          results.setPdf(kj::arrayPtr(reinterpret_cast<const kj::byte*>(preview->pdf.data()),
                                      preview->pdf.size()));
          results.setSubject(preview->subject);
          results.setText(preview->text);
          results.setKind(preview->kind);
        });
  }

  kj::Promise<void> unmatchedAssign(UnmatchedAssignContext call) override {
    auto params = call.getParams();
    PaymentDesk* payments = &shared_->context.payments;
    const std::string actor = operator_name(text(params.getActor()));
    return off_thread<Result<CommandOutcome>>(
               shared_->context.work, [payments, id = params.getId(), dossier = params.getDossier(),
                                       actor] { return payments->assign(id, dossier, actor); })
        .then([call](Result<CommandOutcome> outcome) mutable {
          if (!outcome) fail(outcome.error());
          write_summary(call.getResults().initDossier(), outcome->state);
        });
  }

  kj::Promise<void> unmatchedIgnore(UnmatchedIgnoreContext call) override {
    auto params = call.getParams();
    PaymentDesk* payments = &shared_->context.payments;
    const std::string actor = operator_name(text(params.getActor()));
    return off_thread<Result<Done>>(
               shared_->context.work,
               [payments, id = params.getId(), reason = text(params.getReason()), actor] {
                 return payments->ignore(id, reason, actor);
               })
        .then([](Result<Done> done) {
          if (!done) fail(done.error());
        });
  }

 protected:
  std::shared_ptr<Shared> shared_;
};

class AdminImpl final : public s::Admin::Server, public OperatorImpl {
 public:
  explicit AdminImpl(std::shared_ptr<Shared> shared) : OperatorImpl(std::move(shared)) {}

  kj::Promise<void> creditorAdd(CreditorAddContext call) override {
    CreditorInfo info = records::read_creditor(call.getParams().getCreditor());
    info.strategy_name.clear();  // the registry takes the name from the strategy's text
    value_or_throw(shared_->context.creditors.add(std::move(info)));
    return kj::READY_NOW;
  }

  kj::Promise<void> creditorList(CreditorListContext call) override {
    const auto creditors = shared_->context.creditors.list();
    auto out = call.getResults().initCreditors(static_cast<unsigned>(creditors.size()));
    for (unsigned i = 0; i < creditors.size(); ++i) records::write_creditor(out[i], creditors[i]);
    return kj::READY_NOW;
  }

  kj::Promise<void> creditorShow(CreditorShowContext call) override {
    const std::string id = text(call.getParams().getId());
    const auto creditor = shared_->context.creditors.find(id);
    if (!creditor) fail(make_error("creditor", "unknown creditor '" + id + "'"));
    records::write_creditor(call.getResults().initCreditor(), creditor->info);
    return kj::READY_NOW;
  }

  kj::Promise<void> clockShow(ClockShowContext call) override {
    call.getResults().setToday(day(shared_->context.clock.today()));
    call.getResults().setSimulated(shared_->context.clock.is_simulated());
    return kj::READY_NOW;
  }

  kj::Promise<void> clockAdvance(ClockAdvanceContext call) override {
    const int days = static_cast<int>(call.getParams().getDays());
    Engine* engine = &shared_->context.engine;
    return off_thread<Result<Date>>(shared_->context.work,
                                    [engine, days] { return engine->advance_days(days); })
        .then([call](Result<Date> today) mutable {
          call.getResults().setToday(day(value_or_throw(std::move(today))));
        });
  }

  kj::Promise<void> clockSet(ClockSetContext call) override {
    const Date target = date_of(call.getParams().getDay());
    Engine* engine = &shared_->context.engine;
    return off_thread<Result<Date>>(shared_->context.work,
                                    [engine, target] { return engine->set_day(target); })
        .then([call](Result<Date> today) mutable {
          call.getResults().setToday(day(value_or_throw(std::move(today))));
        });
  }
};

class GatewayImpl final : public s::Gateway::Server {
 public:
  explicit GatewayImpl(ServiceContext& context) : shared_(std::make_shared<Shared>(context)) {}

  kj::Promise<void> login(LoginContext call) override {
    const auto role = shared_->context.tokens.role_of(text(call.getParams().getToken()));
    if (!role) {
      spdlog::warn("rpc: a login with a wrong token was refused");
      fail(make_error("token", "not a valid token"));
    }
    auto results = call.getResults();
    switch (*role) {
      case Role::admin: {
        s::Admin::Client admin = kj::heap<AdminImpl>(shared_);
        results.setRole(s::Role::ADMIN);
        results.setOperator(admin);
        results.setAdmin(kj::mv(admin));
        results.setFeed(make_feed(shared_->context.feed));
        break;
      }
      case Role::operator_:
        results.setRole(s::Role::OPERATOR);
        results.setOperator(kj::heap<OperatorImpl>(shared_));
        break;
      case Role::feed:
        results.setRole(s::Role::FEED);
        results.setFeed(make_feed(shared_->context.feed));
        break;
    }
    return kj::READY_NOW;
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace

kj::Own<schema::Gateway::Server> make_gateway(ServiceContext& context) {
  return kj::heap<GatewayImpl>(context);
}

}  // namespace pinc
