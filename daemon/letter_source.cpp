#include "letter_source.hpp"

#include "document_preview.hpp"
#include "records.hpp"

namespace pinc {

LetterSource::LetterSource(Store& store, CreditorRegistry& creditors,
                           const letters::TemplateSet& templates, letters::Agency agency)
    : store_(store), creditors_(creditors), templates_(templates), agency_(std::move(agency)) {}

letters::CreditorDetails LetterSource::creditor(const std::string& id) const {
  letters::CreditorDetails details;
  details.id = id;
  details.name = id;
  if (auto found = creditors_.find(id)) {
    details.name = found->info.name;
    details.iban = found->info.iban;
    details.email = found->info.email;
    details.address = found->info.address;
  }
  return details;
}

Result<DossierState> LetterSource::load(DossierId id) {
  auto state = store_.load_state(id);
  if (!state) return state.error();
  if (!*state) return make_error("dossier", "no dossier with id " + std::to_string(id));
  return std::move(**state);
}

Result<PreparedLetter> LetterSource::prepare(const keys::Delivery& delivery) {
  auto stored = store_.get(Family::outbox, keys::outbox(delivery.id, delivery.seq));
  if (!stored) return stored.error();
  if (!*stored)
    return make_error("outbox", "no effect " + std::to_string(delivery.seq) + " in dossier " +
                                    std::to_string(delivery.id));
  auto effect = records::decode_effect(**stored);
  if (!effect) return effect.error();
  auto state = load(delivery.id);
  if (!state) return state.error();
  const letters::CreditorDetails creditor_details = creditor(state->creditor);

  PreparedLetter prepared;
  const Effect& cause = effect->effect;
  if (const auto* document = std::get_if<SendDocument>(&cause.payload)) {
    prepared.letter =
        letters::build_letter(*state, *document, cause.seq, creditor_details, agency_);
    // A debtor who settled, or a case the creditor took back, gets no more reminders. A handed-over
    // dossier still gets what was decided before (the claim is the same).
    if (state->stage == Stage::paid || state->stage == Stage::withdrawn ||
        state->stage == Stage::written_off)
      prepared.cancelled = "the dossier is " + std::string(to_string(state->stage));
  } else if (const auto* handed = std::get_if<HandOverExport>(&cause.payload)) {
    prepared.letter = letters::build_hand_over_notice(
        *state, *handed, cause.seq, date_of_day(delivery.due_day), creditor_details, agency_);
  } else {
    return make_error("outbox", "effect " + std::to_string(cause.seq) + " of dossier " +
                                    std::to_string(delivery.id) + " is not a letter");
  }
  if (prepared.cancelled) return prepared;  // never drawn: no text needed
  auto text = templates_.render(prepared.letter);
  if (!text) return text.error();
  prepared.text = std::move(*text);
  return prepared;
}

Result<PreparedLetter> LetterSource::preview(DossierId id, const std::string& step, Date today) {
  auto state = load(id);
  if (!state) return state.error();
  auto context = creditors_.find(state->creditor);
  if (!context) return make_error("creditor", "unknown creditor '" + state->creditor + "'");
  auto document = preview_document(*state, step, today, context->decide);
  if (!document) return document.error();
  PreparedLetter prepared;
  prepared.letter =
      letters::build_letter(document->state, document->document, state->next_event_seq,
                            creditor(state->creditor), agency_);
  auto text = templates_.render(prepared.letter);
  if (!text) return text.error();
  prepared.text = std::move(*text);
  return prepared;
}

}  // namespace pinc
