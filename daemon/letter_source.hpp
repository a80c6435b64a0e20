#pragma once
// A letter read together from the store: the effect that asked for it, the dossier as it stands
// now (payments received since show on the letter) and the creditor. Shared by the outbox
// dispatcher and `pinc letter preview`, so a preview is drawn exactly like the letter that goes
// out.
#include <optional>
#include <string>

#include "creditors.hpp"
#include "keys.hpp"
#include "letter.hpp"
#include "store.hpp"
#include "templates.hpp"

namespace pinc {

struct PreparedLetter {
  letters::Letter letter;
  letters::RenderedText text;  // empty when cancelled
  // Set when the letter must not go out any more (the dossier was paid, withdrawn or written off
  // before its dispatch): why.
  std::optional<std::string> cancelled;
};

class LetterSource {
 public:
  LetterSource(Store& store, CreditorRegistry& creditors, const letters::TemplateSet& templates,
               letters::Agency agency);

  Result<PreparedLetter> prepare(const keys::Delivery& delivery);
  // What `step` (empty: the pending one) would send if performed on `today`.
  Result<PreparedLetter> preview(DossierId id, const std::string& step, Date today);

  letters::CreditorDetails creditor(const std::string& id) const;
  const letters::Agency& agency() const { return agency_; }

 private:
  Result<DossierState> load(DossierId id);

  Store& store_;
  CreditorRegistry& creditors_;
  const letters::TemplateSet& templates_;
  letters::Agency agency_;
};

}  // namespace pinc
