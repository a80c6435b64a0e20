// The e-mail's plain text: the same figures as the PDF, the specification, the agency's footer,
// and no line longer than 78 characters.
#include <catch2/catch.hpp>
#include <sstream>

#include "email_text.hpp"
#include "letters_checks.hpp"
#include "letters_samples.hpp"
#include "paragraphs.hpp"
#include "templates.hpp"

using namespace pinc;
using namespace pinc::letters;
using namespace pinc::letters::test;

namespace {

std::string email_of(const Letter& letter) {
  static const TemplateSet set = *TemplateSet::load("");
  const auto text = set.render(letter);
  REQUIRE(text);
  return email_text(letter, *text);
}

void check_line_lengths(const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    INFO(line);
    CHECK(utf8_length(line) <= kEmailLineWidth);
  }
}

}  // namespace

TEST_CASE("the e-mail text carries the letter's figures and the specification",
          "[letters][email]") {
  for (const LetterKind kind : {LetterKind::reminder, LetterKind::final_notice,
                                LetterKind::statutory_letter, LetterKind::promise_confirmation,
                                LetterKind::arrangement_confirmation, LetterKind::hand_over_notice})
    for (const DebtorKind debtor : {DebtorKind::consumer, DebtorKind::business})
      for (const std::string language : {"nl", "en"}) {
        DYNAMIC_SECTION(to_string(kind) << " " << to_string(debtor) << " " << language) {
          const Letter letter =
              sample(kind, debtor, language, debtor == DebtorKind::business).letter;
          const std::string text = email_of(letter);
          check_full_content(text, letter);
          check_only_allowed_amounts(text, letter);
          check_line_lengths(text);
          CHECK(contains(text, "\n-- \n"));
          CHECK(contains(text, letter.agency.phone));
          CHECK(contains(text, letter.agency.website));
          if (kind == LetterKind::statutory_letter) check_statutory_wording(text, letter);
          if (debtor == DebtorKind::business && kind != LetterKind::hand_over_notice)
            CHECK(contains(text, format_amount(kAdminCosts, language)));
        }
      }
}

TEST_CASE("the e-mail's specification is a fixed block, whatever the template says",
          "[letters][email]") {
  const Letter letter = sample(LetterKind::statutory_letter, DebtorKind::consumer).letter;
  const std::string text = email_text(letter, RenderedText{"Kort", "Betaal alstublieft."});
  CHECK(contains(text, "Specificatie\n============\n"));
  CHECK(contains(text, "Incassokosten bij niet tijdig betalen"));
  CHECK(contains(text, format_euro_dutch(letter.announced_costs_cents)));
  CHECK(contains(text, "Betalingskenmerk          5000056789012345"));
  CHECK(contains(text, "IBAN                      NL91 ABNA 0417 1643 00"));
  CHECK(contains(text, "Ingeschreven bij Justis (Wki) onder nummer R-2024-00123"));
}

TEST_CASE("body text wraps at word boundaries within the line width", "[letters][email]") {
  const auto lines = wrap_text(
      "Één zeer lange zin met woorden die samen veel meer dan twintig tekens beslaan.", 20);
  for (const std::string& line : lines) CHECK(utf8_length(line) <= 20);
  CHECK(lines.front() == "Één zeer lange zin");
  const auto split = wrap_text(std::string(45, 'x'), 20);
  CHECK(split.size() == 3);
  const auto parts = paragraphs("Eerste regel\nloopt door.\n- punt een\n- punt twee\n\nTweede.");
  REQUIRE(parts.size() == 2);
  REQUIRE(parts[0].size() == 3);
  CHECK(parts[0][0].text == "Eerste regel loopt door.");
  CHECK(parts[0][1].item);
  CHECK(parts[0][2].text == "punt twee");
}
