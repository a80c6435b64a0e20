#include "views.hpp"

#include <algorithm>
#include <cstdio>

#include "cli_support.hpp"
#include "date.hpp"
#include "money.hpp"

namespace pinc::cli {

using nlohmann::json;
namespace s = schema;

namespace {
std::string text(capnp::Text::Reader reader) {
  return std::string(reader.cStr(), reader.size());
}

const char* stage_name(s::Stage stage) {
  static const char* kNames[] = {"opened",      "reminder", "call",      "final_notice", "deadline",
                                 "handed_over", "paid",     "withdrawn", "written_off"};
  const auto index = static_cast<unsigned>(stage);
  return index < 9 ? kNames[index] : "unknown";
}
const char* action_name(s::StepAction action) {
  static const char* kNames[] = {"reminder", "call", "final_notice", "deadline", "hand_over"};
  const auto index = static_cast<unsigned>(action);
  return index < 5 ? kNames[index] : "unknown";
}
const char* outcome_name(s::CallOutcome outcome) {
  static const char* kNames[] = {"reached", "promise",   "arrangement_asked",
                                 "dispute", "no_answer", "wrong_number"};
  const auto index = static_cast<unsigned>(outcome);
  return index < 6 ? kNames[index] : "unknown";
}

json claim_json(s::Claim::Reader claim) {
  return {{"principal_cents", claim.getPrincipalCents()},
          {"interest_cents", claim.getInterestCents()},
          {"costs_cents", claim.getCostsCents()},
          {"total_cents", claim.getTotalCents()},
          {"interest_through", day_text(claim.getInterestThrough())},
          {"interest_table", text(claim.getInterestTable())},
          {"interest_note", text(claim.getInterestNote())}};
}
}  // namespace

std::string day_text(std::int32_t day) {
  return day == 0 ? std::string() : format_date(Date{Days{day}});
}

json summary_json(s::DossierSummary::Reader summary) {
  return {{"id", summary.getId()},
          {"creditor", text(summary.getCreditor())},
          {"debtor_ref", text(summary.getDebtorRef())},
          {"debtor_name", text(summary.getDebtorName())},
          {"stage", text(summary.getStage())},
          {"open_cents", summary.getOpenCents()},
          {"next_step", text(summary.getNextStep())},
          {"next_date", day_text(summary.getNextDate())},
          {"payment_reference", text(summary.getPaymentReference())},
          {"due_date", day_text(summary.getDueDate())}};
}

json event_json(s::Event::Reader event) {
  json out = {{"seq", event.getSeq()},
              {"date", day_text(event.getDate())},
              {"actor", text(event.getActor())}};
  switch (event.which()) {
    case s::Event::OPENED:
      out["event"] = "opened";
      break;
    case s::Event::INVOICE_ADDED:
      out["event"] = "invoice_added";
      out["invoice"] = text(event.getInvoiceAdded().getNumber());
      break;
    case s::Event::STEP_PLANNED: {
      out["event"] = "step_planned";
      auto planned = event.getStepPlanned();
      if (planned.getHasPending()) {
        out["step"] = text(planned.getPending().getName());
        out["step_date"] = day_text(planned.getPending().getDate());
      }
      break;
    }
    case s::Event::STEP_PERFORMED: {
      auto step = event.getStepPerformed();
      out["event"] = "step_performed";
      out["step"] = text(step.getName());
      out["action"] = action_name(step.getAction());
      json channels = json::array();
      for (auto channel : step.getChannels())
        channels.push_back(channel == s::Channel::POST ? "post" : "email");
      out["channels"] = channels;
      out["skipped"] = step.getSkipped();
      if (step.getHasTerm()) {
        out["term_last"] = day_text(step.getTerm().getLastDay());
        out["costs_from"] = day_text(step.getTerm().getCostsFrom());
      }
      break;
    }
    case s::Event::CALL_TASK_CLOSED:
      out["event"] = "call_task_closed";
      break;
    case s::Event::COSTS_CHARGED: {
      auto costs = event.getCostsCharged();
      out["event"] = "costs_charged";
      out["basis_cents"] = costs.getBasisCents();
      out["costs_cents"] = costs.getCostsCents();
      out["vat_cents"] = costs.getVatCents();
      break;
    }
    case s::Event::INTEREST_CHARGED: {
      out["event"] = "interest_charged";
      std::int64_t total = 0;
      for (auto cents : event.getInterestCharged()) total += cents;
      out["interest_cents"] = total;
      break;
    }
    case s::Event::CLAIM_FIXED:
      out["event"] = "claim_fixed";
      out["claim"] = claim_json(event.getClaimFixed());
      break;
    case s::Event::PAYMENT_APPLIED: {
      auto payment = event.getPaymentApplied();
      out["event"] = "payment_applied";
      out["payment_id"] = text(payment.getId());
      out["amount_cents"] = payment.getAmountCents();
      out["paid_on"] = day_text(payment.getDate());
      out["to_credit_cents"] = payment.getToCreditCents();
      break;
    }
    case s::Event::PAYMENT_KEPT_FOR_REFUND:
      out["event"] = "payment_kept_for_refund";
      out["payment_id"] = text(event.getPaymentKeptForRefund().getPaymentId());
      out["amount_cents"] = event.getPaymentKeptForRefund().getAmountCents();
      break;
    case s::Event::PAYMENT_REVERSED:
      out["event"] = "payment_reversed";
      out["payment_id"] = text(event.getPaymentReversed().getPaymentId());
      out["reason"] = text(event.getPaymentReversed().getReason());
      break;
    case s::Event::PAID:
      out["event"] = "paid";
      break;
    case s::Event::REOPENED:
      out["event"] = "reopened";
      break;
    case s::Event::CALL_LOGGED:
      out["event"] = "call_logged";
      out["outcome"] = outcome_name(event.getCallLogged().getOutcome());
      out["note"] = text(event.getCallLogged().getNote());
      break;
    case s::Event::PROMISE_MADE:
      out["event"] = "promise_made";
      out["by"] = day_text(event.getPromiseMade().getBy());
      out["amount_cents"] = event.getPromiseMade().getAmountCents();
      break;
    case s::Event::PROMISE_KEPT:
      out["event"] = "promise_kept";
      break;
    case s::Event::PROMISE_BROKEN:
      out["event"] = "promise_broken";
      break;
    case s::Event::ARRANGEMENT_MADE:
      out["event"] = "arrangement_made";
      out["installments"] = event.getArrangementMade().getInstallments().size();
      break;
    case s::Event::INSTALLMENTS_CHECKED:
      out["event"] = "installments_checked";
      break;
    case s::Event::ARRANGEMENT_BROKEN:
      out["event"] = "arrangement_broken";
      break;
    case s::Event::DISPUTE_RAISED:
      out["event"] = "dispute_raised";
      out["reason"] = text(event.getDisputeRaised());
      break;
    case s::Event::DISPUTE_RESOLVED:
      out["event"] = "dispute_resolved";
      out["upheld"] = event.getDisputeResolved().getUpheld();
      break;
    case s::Event::PAUSE_STARTED:
      out["event"] = "pause_started";
      out["until"] = day_text(event.getPauseStarted());
      break;
    case s::Event::PAUSE_ENDED:
      out["event"] = "pause_ended";
      break;
    case s::Event::WITHDRAWN:
      out["event"] = "withdrawn";
      break;
    case s::Event::WRITTEN_OFF:
      out["event"] = "written_off";
      break;
    case s::Event::NOTE_ADDED:
      out["event"] = "note";
      out["text"] = text(event.getNoteAdded());
      break;
    case s::Event::TERM_EXTENDED:
      out["event"] = "term_extended";
      out["last_day"] = day_text(event.getTermExtended().getLastDay());
      out["costs_from"] = day_text(event.getTermExtended().getCostsFrom());
      break;
    case s::Event::ADMIN_COSTS_CHARGED:
      out["event"] = "admin_costs_charged";
      out["amount_cents"] = event.getAdminCostsCharged().getCostsCents();
      break;
    default:
      out["event"] = "unknown";
      break;
  }
  return out;
}

json delivery_json(s::Delivery::Reader row) {
  static const char* kStates[] = {"pending", "sent", "cancelled", "failed"};
  json out = {{"id", text(row.getName())},
              {"dossier", row.getDossier()},
              {"effect_seq", row.getSeq()},
              {"route", text(row.getRoute())},
              {"kind", text(row.getKind())},
              {"due", day_text(row.getDue())},
              {"state", kStates[std::min<unsigned>(static_cast<unsigned>(row.getState()), 3)]},
              {"attempts", row.getAttempts()},
              {"last_error", text(row.getLastError())}};
  if (row.getNextAttemptMs() > 0) out["next_attempt_ms"] = row.getNextAttemptMs();
  if (row.getSentOn() != 0) out["sent_on"] = day_text(row.getSentOn());
  if (row.getBatch() != 0) out["batch"] = day_text(row.getBatch());
  if (!text(row.getMessageId()).empty()) out["message_id"] = text(row.getMessageId());
  if (!text(row.getRecipient()).empty()) out["recipient"] = text(row.getRecipient());
  return out;
}

json effect_json(s::Effect::Reader effect) {
  static const char* kDocuments[] = {"reminder", "final_notice", "statutory_letter",
                                     "promise_confirmation", "arrangement_confirmation"};
  json out = {{"seq", effect.getSeq()}};
  switch (effect.which()) {
    case s::Effect::SEND_DOCUMENT: {
      auto send = effect.getSendDocument();
      out["effect"] = "send_document";
      out["document"] = kDocuments[std::min<unsigned>(static_cast<unsigned>(send.getKind()), 4)];
      out["step"] = text(send.getStep());
      json channels = json::array();
      for (auto channel : send.getChannels())
        channels.push_back(channel == s::Channel::POST ? "post" : "email");
      out["channels"] = channels;
      out["dispatch_on"] = day_text(send.getDispatchOn());
      out["open_cents"] = send.getOpenCents();
      break;
    }
    case s::Effect::CALL_TASK:
      out["effect"] = "call_task";
      out["due"] = day_text(effect.getCallTask().getDue());
      break;
    case s::Effect::HAND_OVER:
      out["effect"] = "hand_over";
      out["total_cents"] = effect.getHandOver().getTotalCents();
      break;
    case s::Effect::REFUND:
      out["effect"] = "refund";
      out["payment_id"] = text(effect.getRefund().getPaymentId());
      out["amount_cents"] = effect.getRefund().getAmountCents();
      break;
    default:
      out["effect"] = "unknown";
  }
  return out;
}

json detail_json(s::DossierDetail::Reader detail) {
  auto state = detail.getState();
  json out = summary_json(detail.getSummary());
  out["debtor"] = {
      {"ref", text(state.getDebtor().getRef())},
      {"name", text(state.getDebtor().getName())},
      {"kind", state.getDebtor().getKind() == s::DebtorKind::CONSUMER ? "consumer" : "business"},
      {"email", text(state.getDebtor().getEmail())}};
  out["opened"] = day_text(state.getOpened());
  out["base_stage"] = stage_name(state.getStage());
  json invoices = json::array();
  for (auto invoice : state.getInvoices())
    invoices.push_back({{"number", text(invoice.getNumber())},
                        {"invoice_date", day_text(invoice.getInvoiceDate())},
                        {"due_date", day_text(invoice.getDueDate())},
                        {"amount_cents", invoice.getAmountCents()},
                        {"principal_cents", invoice.getPrincipalCents()},
                        {"costs_cents", invoice.getCostsCents()},
                        {"interest_cents", invoice.getInterestCents()}});
  out["invoices"] = invoices;
  std::int64_t paid = 0;
  for (auto payment : state.getPayments())
    if (!payment.getReversed() && !payment.getForRefund())
      for (auto share : payment.getAllocation())
        paid += share.getToCostsCents() + share.getToInterestCents() + share.getToPrincipalCents();
  out["ledger"] = {{"paid_cents", paid},
                   {"costs_charged_cents", state.getCostsChargedCents()},
                   {"interest_charged_cents", state.getInterestChargedCents()},
                   {"credit_cents", state.getCreditCents()},
                   {"refund_due_cents", state.getRefundDueCents()},
                   {"written_down_cents", state.getWrittenDownCents()}};
  if (state.getHasClaim()) out["claim"] = claim_json(state.getClaim());
  json schedule = json::array();
  for (auto step : detail.getSchedule())
    schedule.push_back({{"step", text(step.getName())}, {"date", day_text(step.getDate())}});
  out["schedule"] = schedule;
  json history = json::array();
  for (auto event : detail.getHistory()) history.push_back(event_json(event));
  out["history"] = history;
  json effects = json::array();
  json deliveries = json::array();
  for (auto delivery : detail.getDeliveries()) deliveries.push_back(delivery_json(delivery));
  // A letter's state is its routes' (sent when every route went out); other effects are records.
  for (auto effect : detail.getEffects()) {
    json item = effect_json(effect);
    const bool letter = item["effect"] == "send_document" || item["effect"] == "hand_over";
    std::string state = letter ? "" : "recorded";
    std::size_t settled = 0;
    for (const json& delivery : deliveries) {
      if (delivery["effect_seq"] != item["seq"]) continue;
      ++settled;
      const std::string route_state = delivery["state"];
      if (state.empty() || route_state == "failed" ||
          (route_state == "cancelled" && state != "failed"))
        state = route_state;
    }
    const std::size_t routes = item.contains("channels") ? item["channels"].size() : 1;
    if (letter && settled < routes) state = settled == 0 ? "pending" : "partly sent";
    item["state"] = state;
    effects.push_back(std::move(item));
  }
  out["effects"] = effects;
  out["deliveries"] = deliveries;
  return out;
}

void print_detail(s::DossierDetail::Reader detail) {
  const json d = detail_json(detail);
  std::printf("Dossier %s  %s  (%s)\n", std::to_string(d["id"].get<std::uint64_t>()).c_str(),
              d["stage"].get<std::string>().c_str(), d["creditor"].get<std::string>().c_str());
  std::printf("Debtor   %s (%s, %s)\n", d["debtor"]["name"].get<std::string>().c_str(),
              d["debtor"]["ref"].get<std::string>().c_str(),
              d["debtor"]["kind"].get<std::string>().c_str());
  std::printf("Open     %s   reference %s\n\n", format_euro_dutch(d["open_cents"]).c_str(),
              d["payment_reference"].get<std::string>().c_str());
  std::vector<std::vector<std::string>> rows;
  for (const auto& invoice : d["invoices"])
    rows.push_back(
        {invoice["number"], invoice["due_date"], format_euro_dutch(invoice["amount_cents"]),
         format_euro_dutch(invoice["principal_cents"]), format_euro_dutch(invoice["costs_cents"]),
         format_euro_dutch(invoice["interest_cents"])});
  print_table({"invoice", "due", "amount", "principal open", "costs open", "interest open"}, rows);
  const auto& ledger = d["ledger"];
  std::printf("\nPaid %s, credit %s, refund due %s\n",
              format_euro_dutch(ledger["paid_cents"]).c_str(),
              format_euro_dutch(ledger["credit_cents"]).c_str(),
              format_euro_dutch(ledger["refund_due_cents"]).c_str());
  if (d.contains("claim"))
    std::printf("Claim handed over: %s (principal %s, interest %s, costs %s)\n",
                format_euro_dutch(d["claim"]["total_cents"]).c_str(),
                format_euro_dutch(d["claim"]["principal_cents"]).c_str(),
                format_euro_dutch(d["claim"]["interest_cents"]).c_str(),
                format_euro_dutch(d["claim"]["costs_cents"]).c_str());
  if (!d["schedule"].empty()) {
    std::puts("\nSchedule");
    rows.clear();
    for (const auto& step : d["schedule"]) rows.push_back({step["step"], step["date"]});
    print_table({"step", "date"}, rows);
  }
  std::puts("\nHistory");
  rows.clear();
  for (const auto& event : d["history"]) {
    std::string detail_text;
    for (const char* key : {"step", "payment_id", "outcome", "reason", "text", "by", "until"})
      if (event.contains(key) && event[key].is_string())
        detail_text += (detail_text.empty() ? "" : " ") + event[key].get<std::string>();
    if (event.contains("amount_cents"))
      detail_text += " " + format_euro_dutch(event["amount_cents"].get<std::int64_t>());
    rows.push_back({event["date"], event["event"], detail_text, event["actor"]});
  }
  print_table({"date", "event", "detail", "by"}, rows);
  if (d["effects"].empty()) return;
  std::puts("\nOutbox");
  rows.clear();
  for (const auto& effect : d["effects"]) {
    std::string what = effect["effect"].get<std::string>();
    if (effect.contains("document")) what = effect["document"].get<std::string>();
    std::string channels;
    if (effect.contains("channels"))
      for (const auto& channel : effect["channels"])
        channels += (channels.empty() ? "" : "+") + channel.get<std::string>();
    const std::string on = effect.contains("dispatch_on")
                               ? effect["dispatch_on"].get<std::string>()
                               : (effect.contains("due") ? effect["due"].get<std::string>() : "");
    rows.push_back(
        {std::to_string(effect["seq"].get<std::uint64_t>()), what, channels, on, effect["state"]});
  }
  print_table({"seq", "effect", "channels", "on", "state"}, rows);
}

}  // namespace pinc::cli
