// pincd's access tokens, through the real pinc: a wrong token, the generated admin token, and the
// admin/operator/feed roles of tokens from a config file.
#include <sys/stat.h>

#include "daemon_support.hpp"

using nlohmann::json;
using namespace pinc::test;

TEST_CASE("a wrong token is refused with a message naming the token, and does nothing",
          "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  for (const std::string command : {"stats", "list", "creditor list", "clock show"}) {
    const ProcessResult refused = run.pincd.pinc_as("wrong", command);
    INFO(command);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "pinc: token: not a valid token\n");
    CHECK(refused.out.empty());
  }
  // An admin command with a wrong token adds nothing.
  const ProcessResult add =
      run.pincd.pinc_as("wrong", std::string("creditor add acme --name Acme --iban ") + kIban);
  CHECK(add.exit_code == 2);
  CHECK(add.err == "pinc: token: not a valid token\n");
  CHECK(pinc_json(run.pincd, "creditor list") == json::array());

  // No token at all is refused before pinc connects, with a hint where the admin token is.
  const ProcessResult missing = run_process("env -u PINC_TOKEN " + std::string(PINC_BIN) +
                                            " --connect " + run.pincd.address() + " stats");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::StartsWith("pinc: --token: no token given"));
  CHECK(missing.out.empty());
  CHECK(run.pincd.running());
}

TEST_CASE("the generated admin token is private (0600), works, and is kept across restarts",
          "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  struct stat first {};
  REQUIRE(::stat(run.pincd.token_path().c_str(), &first) == 0);
  CHECK((first.st_mode & 0777) == 0600);
  const std::string token = read_whole_file(run.pincd.token_path());
  REQUIRE(token.size() == 65);  // 32 random bytes in hex, and a newline
  CHECK(token.back() == '\n');
  CHECK(token.find_first_not_of("0123456789abcdef") == 64);
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
  CHECK_THAT(run.pincd.out(), Catch::Contains("wrote a new admin token"));

  REQUIRE(run.pincd.stop().code == 0);
  run.pincd.start();
  // The second start reuses the token: the file is neither rewritten nor replaced.
  struct stat second {};
  REQUIRE(::stat(run.pincd.token_path().c_str(), &second) == 0);
  CHECK(read_whole_file(run.pincd.token_path()) == token);
  CHECK(second.st_ino == first.st_ino);
  CHECK(second.st_mtim.tv_sec == first.st_mtim.tv_sec);
  CHECK(second.st_mtim.tv_nsec == first.st_mtim.tv_nsec);
  CHECK((second.st_mode & 0777) == 0600);
  CHECK_THAT(run.pincd.out(), !Catch::Contains("wrote a new admin token"));
  CHECK(run.pincd.token() == token.substr(0, 64));
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
}

TEST_CASE("deleting admin.token revokes it: the next start writes a new one", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  const std::string old_token = read_whole_file(run.pincd.token_path()).substr(0, 64);
  REQUIRE(run.pincd.stop().code == 0);
  std::filesystem::remove(run.pincd.token_path());

  run.pincd.start();
  const std::string new_token = read_whole_file(run.pincd.token_path()).substr(0, 64);
  CHECK(new_token != old_token);
  CHECK_THAT(run.pincd.out(), Catch::Contains("wrote a new admin token"));
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
  const ProcessResult revoked = run.pincd.pinc_as(old_token, "clock show");
  CHECK(revoked.exit_code == 2);
  CHECK(revoked.err == "pinc: token: not a valid token\n");
}

namespace {

const std::string kAdmin = "admin-secret-of-the-test";
const std::string kOperator = "operator-secret-of-the-test";
const std::string kFeed = "feed-secret-of-the-test";

// A config file with one token of each role, kept as SHA-256 hashes.
std::string write_token_config(const TempDir& dir) {
  const std::string path = dir / "pincd.toml";
  std::ofstream out(path);
  for (const auto& [token, role] :
       {std::pair{kAdmin, "admin"}, {kOperator, "operator"}, {kFeed, "feed"}})
    out << "[[token]]\nsha256 = \"" << sha256_hex(token) << "\"\nrole = \"" << role
        << "\"\nname = \"" << role << " of the test\"\n\n";
  return path;
}

}  // namespace

TEST_CASE("tokens from a config file: an operator may read but not administer", "[daemon]") {
  TempDir config_dir;
  FreshDaemon run({"--config", write_token_config(config_dir)}, kAdmin);
  run.pincd.start();
  // Configured tokens replace the generated one: no admin token is written.
  CHECK_FALSE(std::filesystem::exists(run.pincd.token_path()));
  open_small_book(run.pincd, run.dir);

  const ProcessResult stats = run.pincd.pinc_as(kOperator, "stats --json");
  INFO(stats.err);
  REQUIRE(stats.exit_code == 0);
  CHECK(json::parse(stats.out)["opened"]["dossiers"] == 3);
  const ProcessResult list = run.pincd.pinc_as(kOperator, "list --json");
  CHECK(list.exit_code == 0);
  CHECK(std::count(list.out.begin(), list.out.end(), '\n') == 3);

  const std::string refusal = "pinc: token: this command needs an admin token\n";
  const ProcessResult add =
      run.pincd.pinc_as(kOperator, std::string("creditor add other --name Other --iban ") + kIban);
  CHECK(add.exit_code == 2);
  CHECK(add.err == refusal);
  CHECK(add.out.empty());
  const ProcessResult advance = run.pincd.pinc_as(kOperator, "clock advance 1d");
  CHECK(advance.exit_code == 2);
  CHECK(advance.err == refusal);
  CHECK(advance.out.empty());

  // Nothing changed: one creditor, the clock where it was.
  const json creditors = pinc_json(run.pincd, "creditor list");
  REQUIRE(creditors.size() == 1);
  CHECK(creditors[0]["id"] == "acme");
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
}

TEST_CASE("tokens from a config file: a feed token cannot run operator or admin commands",
          "[daemon]") {
  TempDir config_dir;
  FreshDaemon run({"--config", write_token_config(config_dir)}, kAdmin);
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  for (const std::string command : {"stats", "list", "show 1", "call next", "note 1 hello"}) {
    const ProcessResult refused = run.pincd.pinc_as(kFeed, command);
    INFO(command << ": " << refused.err);
    CHECK(refused.exit_code != 0);
    CHECK(refused.out.empty());
  }
  const ProcessResult advance = run.pincd.pinc_as(kFeed, "clock advance 1d");
  CHECK(advance.exit_code == 2);
  CHECK(advance.err == "pinc: token: this command needs an admin token\n");
  // The note was not added.
  const json shown = pinc_json(run.pincd, "show 1");
  for (const json& event : shown["history"]) CHECK(event["event"] != "note");
  CHECK(pinc_json(run.pincd, "clock show")["today"] == "2026-03-02");
}

// A feed login holds no operator capability: pinc says so instead of calling a null capability.
TEST_CASE("a feed token's refusal of an operator command names the token", "[daemon]") {
  TempDir config_dir;
  FreshDaemon run({"--config", write_token_config(config_dir)}, kAdmin);
  run.pincd.start();
  const ProcessResult refused = run.pincd.pinc_as(kFeed, "stats");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::StartsWith("pinc: token: "));
}
