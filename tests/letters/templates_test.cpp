// The letter texts: every built-in template renders for both kinds of debtor in both languages
// with the content the law asks for; agency and creditor overrides; broken templates refused at
// load with the file named.
#include <catch2/catch.hpp>

#include "letters_checks.hpp"
#include "letters_samples.hpp"
#include "templates.hpp"

using namespace pinc;
using namespace pinc::letters;
using namespace pinc::letters::test;

namespace {

constexpr LetterKind kAllKinds[] = {LetterKind::reminder,
                                    LetterKind::final_notice,
                                    LetterKind::statutory_letter,
                                    LetterKind::promise_confirmation,
                                    LetterKind::arrangement_confirmation,
                                    LetterKind::hand_over_notice};

const TemplateSet& builtins() {
  static const TemplateSet set = *TemplateSet::load("");
  return set;
}

}  // namespace

TEST_CASE("every built-in template renders with the mandatory content", "[letters][templates]") {
  for (const LetterKind kind : kAllKinds)
    for (const DebtorKind debtor : {DebtorKind::consumer, DebtorKind::business})
      for (const std::string language : {"nl", "en"}) {
        DYNAMIC_SECTION(to_string(kind) << " " << to_string(debtor) << " " << language) {
          const Letter letter = sample(kind, debtor, language).letter;
          const auto rendered = builtins().render(letter);
          REQUIRE(rendered);
          CHECK(!rendered->subject.empty());
          CHECK(contains(rendered->subject, std::to_string(letter.dossier)));
          check_template_content(rendered->body, letter);
          check_only_allowed_amounts(rendered->body, letter);
          if (kind == LetterKind::statutory_letter) check_statutory_wording(rendered->body, letter);
        }
      }
}

TEST_CASE("a consumer's letters name no costs; a business's show its admin costs",
          "[letters][templates]") {
  for (const std::string language : {"nl", "en"}) {
    const Letter reminder = sample(LetterKind::reminder, DebtorKind::consumer, language).letter;
    const auto text = builtins().render(reminder);
    REQUIRE(text);
    CHECK(!contains(text->body, language == "nl" ? "kosten" : "costs"));

    const Letter business =
        sample(LetterKind::final_notice, DebtorKind::business, language, true).letter;
    const auto notice = builtins().render(business);
    REQUIRE(notice);
    CHECK(contains(notice->body, format_amount(kAdminCosts, language)));
    CHECK(
        contains(notice->body, language == "nl" ? "administratiekosten" : "administration costs"));
    // The commercial rules the business final notice rests on.
    CHECK(contains(notice->body, "6:96"));
    CHECK(contains(notice->body, "6:119a"));
  }
}

TEST_CASE("the statutory letter gives the term from the day after receipt",
          "[letters][templates]") {
  const Letter letter = sample(LetterKind::statutory_letter, DebtorKind::consumer).letter;
  const auto text = builtins().render(letter);
  REQUIRE(text);
  CHECK(contains(text->body, "binnen 14 dagen na de dag van ontvangst van deze brief"));
  CHECK(contains(text->body, format_date_dutch_long(letter.term->receipt)));
  CHECK(contains(text->body, format_date_dutch_long(letter.term->first_day)));
  CHECK(contains(text->body, format_date_dutch_long(letter.term->last_day)));
  CHECK(count_of(text->body, format_euro_dutch(letter.announced_costs_cents)) == 1);
}

TEST_CASE("agency and creditor templates override the built-in texts", "[letters][templates]") {
  const auto dir = scratch_dir() / "overrides";
  write_file(dir / "nl" / "reminder.mustache",
             "Subject: Bureau-herinnering {{dossier}}\n\nBureautekst: {{open}} voor "
             "{{creditor_name}}.\n");
  write_file(dir / "creditors" / "acme" / "nl" / "reminder.mustache",
             "Subject: Acme-herinnering {{dossier}}\n\nAcme-tekst: {{open}} & meer.\n");
  write_file(dir / "README.md", "not a template\n");
  const auto set = TemplateSet::load(dir.string());
  REQUIRE(set);

  Letter letter = sample(LetterKind::reminder, DebtorKind::consumer).letter;
  auto acme = set->render(letter);
  REQUIRE(acme);
  CHECK(acme->subject == "Acme-herinnering 42");
  CHECK(acme->body == "Acme-tekst: " + format_euro_dutch(letter.open_cents) + " & meer.");

  letter.creditor.id = "other";
  auto other = set->render(letter);
  REQUIRE(other);
  CHECK(other->subject == "Bureau-herinnering 42");

  // No override in English: the built-in English text.
  letter.language = "en";
  auto english = set->render(letter);
  REQUIRE(english);
  CHECK(contains(english->subject, "Reminder"));

  // A language without texts falls back to Dutch, with the override.
  letter.language = "fr";
  auto french = set->render(letter);
  REQUIRE(french);
  CHECK(french->subject == "Bureau-herinnering 42");

  // Another kind: built-in.
  letter.language = "nl";
  letter.kind = LetterKind::final_notice;
  auto notice = set->render(letter);
  REQUIRE(notice);
  CHECK(contains(notice->subject, "Laatste aanmaning"));
}

TEST_CASE("a broken template is refused at load, naming the file", "[letters][templates]") {
  SECTION("unclosed section") {
    const auto dir = scratch_dir() / "broken-section";
    const auto file = dir / "creditors" / "acme" / "en" / "final_notice.mustache";
    write_file(file, "Subject: Final\n\n{{#has_payments}}Paid {{paid}}.\n");
    const auto set = TemplateSet::load(dir.string());
    REQUIRE(!set);
    CHECK(set.error().field == file.string());
    CHECK(contains(set.error().message, "has_payments"));
  }
  SECTION("no subject line") {
    const auto dir = scratch_dir() / "broken-subject";
    write_file(dir / "nl" / "reminder.mustache", "Geachte heer,\n\nBetaal.\n");
    const auto set = TemplateSet::load(dir.string());
    REQUIRE(!set);
    CHECK(contains(set.error().to_string(), "reminder.mustache"));
    CHECK(contains(set.error().message, "Subject:"));
  }
  SECTION("not a letter kind") {
    const auto dir = scratch_dir() / "broken-kind";
    write_file(dir / "nl" / "remindr.mustache", "Subject: x\n\nBody.\n");
    const auto set = TemplateSet::load(dir.string());
    REQUIRE(!set);
    CHECK(contains(set.error().to_string(), "remindr.mustache"));
  }
  SECTION("no such directory") {
    const auto set = TemplateSet::load((scratch_dir() / "missing").string());
    REQUIRE(!set);
  }
}
