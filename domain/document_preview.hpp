#pragma once
// What a step of the dossier's strategy would send if it were performed today: the same decide()
// that performs it, run on a copy of the state whose pending step is the one asked for, so that a
// preview never differs from the letter that will go out.
#include <optional>
#include <string_view>

#include "dossier.hpp"

namespace pinc {

struct DocumentPreview {
  SendDocument document;
  DossierState state;  // as the step would leave it (with the admin costs it charges, say)
};

// `step_name` empty: the dossier's pending step. Errors name the step when it sends no letter or
// the strategy has no such step for this debtor.
Result<DocumentPreview> preview_document(const DossierState& state, std::string_view step_name,
                                         Date today, const DecideContext& context);

}  // namespace pinc
