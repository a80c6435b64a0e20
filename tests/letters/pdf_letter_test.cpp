// The PDFs read back with pdftotext, as the debtor and the print shop see them: every figure the
// domain computed, the address inside the envelope's window, multi-page letters, duplex batches,
// and the same bytes for the same letters.
#include <catch2/catch.hpp>

#include "cp1252.hpp"
#include "letters_checks.hpp"
#include "letters_samples.hpp"
#include "pdf_document.hpp"
#include "pdf_letter.hpp"
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

std::string pdf_of(const Letter& letter) {
  const auto text = builtins().render(letter);
  REQUIRE(text);
  auto pdf = render_pdf(letter, *text);
  REQUIRE(pdf);
  return *pdf;
}

int page_count(const std::string& pdf, const std::string& name) {
  const auto path = scratch_dir() / (name + ".pdf");
  write_file(path, pdf);
  const std::string info = run_command("pdfinfo '" + path.string() + "'");
  const auto at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.substr(at + 6));
}

// The part of page 1 inside a rectangle given in millimetres from the top left.
std::string crop_mm(const std::string& pdf, const std::string& name, float left, float top,
                    float width, float height) {
  const auto pt = [](float mm) { return std::to_string(static_cast<int>(mm * 72.0f / 25.4f)); };
  return pdf_text(pdf, name,
                  "-f 1 -l 1 -r 72 -x " + pt(left) + " -y " + pt(top) + " -W " + pt(width) +
                      " -H " + pt(height));
}

}  // namespace

TEST_CASE("every letter's PDF states the domain's figures", "[letters][pdf]") {
  for (const LetterKind kind : kAllKinds)
    for (const DebtorKind debtor : {DebtorKind::consumer, DebtorKind::business})
      for (const std::string language : {"nl", "en"}) {
        DYNAMIC_SECTION(to_string(kind) << " " << to_string(debtor) << " " << language) {
          const Letter letter = sample(kind, debtor, language).letter;
          const std::string name =
              std::string(to_string(kind)) + "-" + std::string(to_string(debtor)) + "-" + language;
          const std::string text = pdf_text(pdf_of(letter), name);
          check_full_content(text, letter);
          check_only_allowed_amounts(text, letter);
          CHECK(contains(text, language == "nl" ? "Specificatie" : "Specification"));
          CHECK(contains(squeeze(text), language == "nl" ? "pagina 1 van" : "page 1 of"));
          if (kind == LetterKind::statutory_letter) check_statutory_wording(text, letter);
        }
      }
}

TEST_CASE("the consumer's statutory letter names exactly the announced costs", "[letters][pdf]") {
  const Letter letter = sample(LetterKind::statutory_letter, DebtorKind::consumer).letter;
  const std::string text = squeeze(pdf_text(pdf_of(letter), "statutory-costs"));
  // 15% of the 373.45 still open (Besluit BIK art. 2), in the text and the specification.
  CHECK(format_euro_dutch(letter.announced_costs_cents) == "€ 56,02");
  CHECK(count_of(text, "€ 56,02") == 2);
  CHECK(contains(text, "binnen 14 dagen na de dag van ontvangst van deze brief"));
  CHECK(contains(text, "Incassokosten bij niet tijdig betalen € 56,02"));
  CHECK(contains(text, "Uiterlijk betalen op " + format_date_dutch_long(letter.term->last_day)));
  CHECK(contains(text, "€ 373,45"));  // principal open
  CHECK(contains(text, "€ 50,00"));   // the payment received
  CHECK(contains(text, "NL91 ABNA 0417 1643 00"));
  // The reminder before it names no costs at all.
  const Letter reminder = sample(LetterKind::reminder, DebtorKind::consumer).letter;
  const std::string reminder_text = pdf_text(pdf_of(reminder), "consumer-reminder");
  CHECK(!contains(reminder_text, "kosten"));
  CHECK(!contains(reminder_text, "€ 56,02"));
  check_only_allowed_amounts(reminder_text, reminder);
}

TEST_CASE("a business letter with admin costs shows them in text and specification",
          "[letters][pdf]") {
  const Letter letter = sample(LetterKind::reminder, DebtorKind::business, "nl", true).letter;
  const std::string text = squeeze(pdf_text(pdf_of(letter), "business-admin"));
  CHECK(contains(text, "Administratiekosten € 27,50"));
  CHECK(contains(text, "inclusief € 27,50 administratiekosten"));
  // The reminder goes out before the payment: both invoices whole, plus the admin costs.
  CHECK(letter.open_cents == kInvoice1 + kInvoice2 + kAdminCosts);
  CHECK(contains(text, "Totaal open " + format_euro_dutch(kInvoice1 + kInvoice2 + kAdminCosts)));
  CHECK(contains(text, "Hoofdsom open " + format_euro_dutch(kInvoice1 + kInvoice2)));
}

TEST_CASE("the address sits in the envelope's window", "[letters][pdf]") {
  const Letter letter = sample(LetterKind::statutory_letter, DebtorKind::consumer).letter;
  const std::string pdf = pdf_of(letter);
  const std::string window =
      squeeze(crop_mm(pdf, "window", kWindowLeftMm, kWindowTopMm, kWindowWidthMm, kWindowHeightMm));
  INFO(window);
  CHECK(contains(window, letter.recipient.name));
  CHECK(contains(window, letter.recipient.address.street));
  CHECK(contains(window, letter.recipient.address.postcode + " UTRECHT"));
  CHECK(contains(window, letter.agency.name));  // the return line
  // Nothing else shows through: no letterhead, no date, no figures.
  CHECK(!contains(window, letter.agency.phone));
  CHECK(!contains(window, "€"));
  CHECK(!contains(window, format_date_dutch_long(letter.letter_date)));
  // And the address is not printed anywhere the window does not show.
  const std::string above = crop_mm(pdf, "above-window", 0, 0, 210, kWindowTopMm);
  CHECK(!contains(above, letter.recipient.address.postcode));
}

TEST_CASE("a long letter runs over pages, numbered in the footer", "[letters][pdf]") {
  Letter letter = sample(LetterKind::reminder, DebtorKind::business).letter;
  for (int i = 3; i <= 60; ++i)
    letter.invoices.push_back({"F-2026-" + std::to_string(100 + i), make_date(2025, 12, 1),
                               make_date(2025, 12, 31), 1000 + i, 1000 + i});
  const std::string pdf = pdf_of(letter);
  const int pages = page_count(pdf, "long");
  REQUIRE(pages >= 2);
  const std::string text = squeeze(pdf_text(pdf, "long"));
  CHECK(contains(text, "pagina " + std::to_string(pages) + " van " + std::to_string(pages)));
  CHECK(contains(text, "F-2026-160"));
  CHECK(contains(text, "(vervolg)"));
  CHECK(contains(text, format_euro_dutch(1060)));
}

TEST_CASE("the same letter gives the same bytes", "[letters][pdf]") {
  const Letter letter = sample(LetterKind::statutory_letter, DebtorKind::consumer).letter;
  const std::string first = pdf_of(letter);
  CHECK(first.substr(0, 5) == "%PDF-");
  CHECK(pdf_of(letter) == first);
  Letter later = letter;
  later.letter_date += Days{1};
  CHECK(pdf_of(later) != first);
}

TEST_CASE("a print batch puts each letter on its own sheets and lists it once", "[letters][pdf]") {
  Letter long_letter = sample(LetterKind::reminder, DebtorKind::business).letter;
  for (int i = 3; i <= 40; ++i)
    long_letter.invoices.push_back({"F-2026-" + std::to_string(100 + i), make_date(2025, 12, 1),
                                    make_date(2025, 12, 31), 1000 + i, 1000 + i});
  long_letter.dossier = 43;
  Letter comma = sample(LetterKind::final_notice, DebtorKind::business).letter;
  comma.dossier = 44;
  comma.recipient.name = "Jansen, Pietersen & Zn.";
  const std::vector<Letter> letters = {
      sample(LetterKind::statutory_letter, DebtorKind::consumer).letter, long_letter, comma};

  const auto make_batch = [&] {
    PrintBatch batch;
    for (const Letter& letter : letters) {
      const auto text = builtins().render(letter);
      REQUIRE(text);
      REQUIRE(batch.add(letter, *text));
    }
    const auto entries = batch.entries();
    auto pdf = batch.finish();
    REQUIRE(pdf);
    return std::pair{*pdf, entries};
  };
  const auto [pdf, entries] = make_batch();
  REQUIRE(entries.size() == 3);
  int next_page = 1;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].pages % 2 == 0);
    CHECK(entries[i].pages >= 2);
    CHECK(entries[i].first_page == next_page);
    CHECK(entries[i].dossier == letters[i].dossier);
    CHECK(entries[i].effect_seq == letters[i].effect_seq);
    CHECK(entries[i].kind == std::string(to_string(letters[i].kind)));
    next_page += entries[i].pages;
  }
  CHECK(entries[1].pages >= 2);
  CHECK(page_count(pdf, "batch") == next_page - 1);

  // Each letter starts on its own page with its own address.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string page = pdf_text(pdf, "batch",
                                      "-f " + std::to_string(entries[i].first_page) + " -l " +
                                          std::to_string(entries[i].first_page));
    CHECK(contains(page, letters[i].recipient.name));
  }

  const std::string manifest = batch_manifest_csv(
      {{"part-0001.pdf", pdf, {entries[0], entries[1]}}, {"part-0002.pdf", pdf, {entries[2]}}});
  CHECK(count_of(manifest, "\n") == 4);
  CHECK(manifest.substr(0, manifest.find('\n')) ==
        "file,first_page,pages,dossier,effect_seq,kind,recipient_name,postcode,city,country");
  CHECK(count_of(manifest, "part-0001.pdf,") == 2);
  CHECK(count_of(manifest, "\npart-0002.pdf,") == 1);
  CHECK(count_of(manifest, ",42,") == 1);
  CHECK(count_of(manifest, ",43,") == 1);
  CHECK(count_of(manifest, ",44,") == 1);
  CHECK(contains(manifest, "\"Jansen, Pietersen & Zn.\""));

  // Regenerated after a crash: byte for byte the same.
  CHECK(make_batch().first == pdf);
}

TEST_CASE("a finished batch takes no more letters", "[letters][pdf]") {
  const Letter letter = sample(LetterKind::reminder, DebtorKind::consumer).letter;
  const auto text = builtins().render(letter);
  REQUIRE(text);
  PrintBatch batch;
  CHECK(!batch.finish());  // empty
  PrintBatch used;
  REQUIRE(used.add(letter, *text));
  REQUIRE(used.finish());
  CHECK(!used.add(letter, *text));
}

// PDF's page tree takes at most 8191 kids, and libharu fails the whole document past that: a file
// refuses a letter once it holds its page limit, before drawing anything, and still finishes.
TEST_CASE("a print file takes no letter past its page limit", "[letters][pdf]") {
  const Letter letter = sample(LetterKind::reminder, DebtorKind::consumer).letter;
  const auto text = builtins().render(letter);
  REQUIRE(text);
  STATIC_REQUIRE(kMaxPagesPerFile < 8191);
  PrintBatch file(4);
  while (!file.full()) REQUIRE(file.add(letter, *text));
  const std::size_t letters = file.entries().size();
  CHECK(file.entries().back().first_page + file.entries().back().pages - 1 >= 4);
  const auto refused = file.add(letter, *text);
  REQUIRE(!refused);
  CHECK(contains(refused.error().to_string(), "full at 4 pages"));
  CHECK(file.entries().size() == letters);
  const auto pdf = file.finish();
  REQUIRE(pdf);
  CHECK(page_count(*pdf, "full") ==
        file.entries().back().first_page + file.entries().back().pages - 1);
}

TEST_CASE("UTF-8 becomes WinAnsi for the PDF fonts", "[letters][pdf]") {
  CHECK(utf8_to_cp1252("€ é ë ü – “x” ✓") == "\x80 \xE9 \xEB \xFC \x96 \x93x\x94 ?");
  CHECK(utf8_to_cp1252("a\xFF"
                       "b") == "a?b");  // not UTF-8: one '?' per stray byte
  // And back out of the PDF: accents and the euro sign survive the round trip.
  Letter letter = sample(LetterKind::reminder, DebtorKind::consumer).letter;
  letter.recipient.name = "Zoë Brûlé-Ørsted";
  const std::string text = pdf_text(pdf_of(letter), "accents");
  CHECK(contains(text, "Zoë Brûlé-Ørsted"));
  CHECK(contains(text, "één"));
  CHECK(contains(text, "€ 423,45"));
}

TEST_CASE("a libharu error comes back as an Error, not an abort", "[letters][pdf]") {
  PdfDocument pdf;
  REQUIRE(!pdf.error());
  const HPDF_Page page = pdf.add_page();
  pdf.text(page, 10, 10, TextStyle{0, false}, "a font size of zero is refused");
  REQUIRE(pdf.error());
  CHECK(contains(pdf.error()->message, "libharu error"));
  const auto saved = pdf.save();
  REQUIRE(!saved);
  CHECK(saved.error().field == "pdf");
}
