#pragma once
// What the daemon tests share: a pincd on a fresh temporary directory, a small book of dossiers as
// import CSV, and pinc's JSON output.
#include <openssl/evp.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon_process.hpp"
#include "temp_dir.hpp"

namespace pinc::test {

inline constexpr const char* kIban = "NL91ABNA0417164300";
inline constexpr const char* kCsvHeader =
    "creditor,debtor_ref,debtor_name,debtor_kind,email,phone,street,postcode,city,country,"
    "invoice,invoice_date,due_date,amount";

// A pincd on DIR/data of a fresh temporary directory. Members are destroyed in reverse order: the
// process is killed before its directory is removed.
struct FreshDaemon {
  explicit FreshDaemon(std::vector<std::string> extra_args = {}, std::string admin_token = {})
      : pincd(DaemonOptions{dir / "data", "2026-03-02", std::move(extra_args),
                            std::move(admin_token)}) {}
  TempDir dir;
  DaemonProcess pincd;
};

// `pinc ARGUMENTS --json` as the admin; the command must succeed and print JSON.
inline nlohmann::json pinc_json(const DaemonProcess& pincd, const std::string& arguments) {
  const ProcessResult result = pincd.pinc(arguments + " --json");
  INFO("pinc " << arguments << " --json: " << result.err);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.out);
}

// `pinc list --json` prints one JSON object per line.
inline std::vector<nlohmann::json> list_json(const DaemonProcess& pincd) {
  const ProcessResult result = pincd.pinc("list --all --json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::vector<nlohmann::json> rows;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

inline void write_csv(const std::string& path, const std::vector<std::string>& rows) {
  std::ofstream out(path);
  out << kCsvHeader << "\n";
  for (const auto& row : rows) out << row << "\n";
}

// Creditor acme and three dossiers: a consumer with two invoices (one of them an amount in Dutch
// notation, quoted for its comma), a business, and a consumer without e-mail.
inline void open_small_book(const DaemonProcess& pincd, const TempDir& dir) {
  const ProcessResult added =
      pincd.pinc(std::string("creditor add acme --name 'Acme BV' --iban ") + kIban);
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  const std::string path = dir / "small-book.csv";
  write_csv(path, {
                      "acme,D1,Jan Jansen,consumer,jan@example.nl,,Dorpsstraat 1,1234 AB,Utrecht,"
                      "NL,F-1,2026-01-15,2026-02-14,\"123,45\"",
                      "acme,D1,Jan Jansen,consumer,jan@example.nl,,Dorpsstraat 1,1234 AB,Utrecht,"
                      "NL,F-2,2026-01-20,2026-02-19,10.00",
                      "acme,D2,Bakker BV,business,,,Kade 2,2345 BC,Leiden,NL,F-3,2026-01-16,"
                      "2026-02-15,1000",
                      "acme,D3,Piet Puk,consumer,,,Weg 3,3456 CD,Delft,NL,F-4,2026-01-17,"
                      "2026-02-16,50",
                  });
  const nlohmann::json imported = pinc_json(pincd, "import " + path);
  REQUIRE(imported["accepted"] == 4);
  REQUIRE(imported["rejected"] == 0);
}

inline std::string write_file(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// Lower-case hex SHA-256, the form pincd's config file keeps tokens in.
inline std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kDigits[digest[i] >> 4];
    hex += kDigits[digest[i] & 15];
  }
  return hex;
}

}  // namespace pinc::test
