// Stored records round-trip: every state and event of many random dossier histories is encoded,
// decoded and encoded again to the same bytes (a field the decoder dropped would change them), and
// damaged bytes come back as errors.
#include <catch2/catch.hpp>

#include <random>

#include "dossier_world.hpp"
#include "records.hpp"

using namespace pinc;
using pinc::test::World;

namespace {

void exercise(World& world, std::mt19937_64& random) {
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
  int payment = 0;
  for (int day = 0; day < 80; ++day) {
    world.advance_days(1);
    switch (pick(12)) {
      case 0:
        (void)world.send(ReceivePayment{"p" + std::to_string(++payment), 1 + pick(20000),
                                        world.today, std::nullopt, "test"});
        break;
      case 1:
        (void)world.send(ReversePayment{"p" + std::to_string(1 + pick(payment + 1)), "AC04"});
        break;
      case 2:
        (void)world.send(MakePromise{world.today + Days{pick(9)}, std::nullopt});
        break;
      case 3:
        (void)world.send(MakeArrangement{3, world.today + Days{2}, Interval{}});
        break;
      case 4:
        (void)world.send(RaiseDispute{"why"});
        break;
      case 5:
        (void)world.send(ResolveDispute{pick(2) == 0, std::nullopt});
        break;
      case 6:
        (void)world.send(Pause{world.today + Days{1 + pick(10)}});
        break;
      case 7:
        (void)world.send(LogCall{CallOutcome::no_answer, "n/a"});
        break;
      case 8:
        (void)world.send(AddNote{"a note"});
        break;
      default:
        break;
    }
  }
}

}  // namespace

TEST_CASE("states, events and effects survive encoding exactly", "[records]") {
  std::mt19937_64 random(7);
  for (int run = 0; run < 200; ++run) {
    INFO("run " << run);
    World world(make_date(2026, 1, 20));
    world.open(run % 2 ? DebtorKind::consumer : DebtorKind::business, run % 3 == 0,
               {InvoiceInput{"F-1", make_date(2025, 12, 1), make_date(2026, 1, 2), 45000},
                InvoiceInput{"F-2", make_date(2025, 12, 5), make_date(2026, 1, 9), 12345}});
    exercise(world, random);

    const std::string state_bytes = records::encode_state(world.state);
    const auto state = records::decode_state(state_bytes);
    REQUIRE(state);
    CHECK(records::encode_state(*state) == state_bytes);
    CHECK(state->stage == world.state.stage);
    CHECK(state->invoices == world.state.invoices);
    CHECK(state->payments == world.state.payments);
    CHECK(next_timer(*state) == next_timer(world.state));

    DossierState replayed;
    for (const Event& event : world.history) {
      const std::string bytes = records::encode_event(event);
      const auto decoded = records::decode_event(bytes);
      REQUIRE(decoded);
      CHECK(records::encode_event(*decoded) == bytes);
      apply(replayed, *decoded);
    }
    CHECK(records::encode_state(replayed) == state_bytes);

    for (const auto& [day, effect] : world.effects) {
      const std::string bytes = records::encode_effect(42, effect);
      const auto decoded = records::decode_effect(bytes);
      REQUIRE(decoded);
      CHECK(decoded->dossier == 42);
      CHECK(records::encode_stored_effect(*decoded) == bytes);
    }
  }
}

TEST_CASE("damaged records are errors, never crashes", "[records]") {
  World world(make_date(2026, 1, 20));
  world.open(DebtorKind::consumer, true,
             {InvoiceInput{"F-1", make_date(2025, 12, 1), make_date(2026, 1, 2), 45000}});
  const std::string bytes = records::encode_state(world.state);
  for (std::size_t cut = 0; cut < bytes.size(); cut += 3) {
    const auto decoded = records::decode_state(std::string_view(bytes).substr(0, cut));
    if (!decoded) CHECK(decoded.error().field == "state");
  }
  std::mt19937_64 random(11);
  for (int i = 0; i < 500; ++i) {
    std::string garbage = bytes;
    for (int k = 0; k < 4; ++k) garbage[random() % garbage.size()] = static_cast<char>(random());
    (void)records::decode_state(garbage);  // must not crash; result may be an error
    (void)records::decode_event(garbage);
  }
  CHECK_FALSE(records::decode_state(std::string(3, '\xff')));
}
