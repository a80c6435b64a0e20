#include "keys.hpp"

namespace pinc::keys {

namespace {
void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}
void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}
void put_u16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xFF);
}
std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}
}  // namespace

std::uint64_t read_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::string encode_id(std::uint64_t id) {
  std::string out;
  put_u64(out, id);
  return out;
}

std::string dossier(std::uint64_t id) {
  return encode_id(id);
}

std::string event(std::uint64_t id, std::uint64_t seq) {
  std::string out;
  put_u64(out, id);
  put_u64(out, seq);
  return out;
}

std::string outbox(std::uint64_t id, std::uint64_t seq) {
  return event(id, seq);
}

std::string timer(std::uint16_t partition, std::int32_t day, std::uint64_t id) {
  std::string out;
  put_u16(out, partition);
  put_u32(out, static_cast<std::uint32_t>(day) ^ 0x80000000u);
  put_u64(out, id);
  return out;
}

std::string timer_partition_start(std::uint16_t partition) {
  std::string out;
  put_u16(out, partition);
  return out;
}

std::optional<TimerKey> parse_timer(std::string_view key) {
  if (key.size() != 14) return std::nullopt;
  const std::uint16_t partition = static_cast<std::uint16_t>(
      (static_cast<unsigned char>(key[0]) << 8) | static_cast<unsigned char>(key[1]));
  const auto day = static_cast<std::int32_t>(read_u32(key, 2) ^ 0x80000000u);
  return TimerKey{partition, day, read_u64(key, 6)};
}

std::string reference(char kind, std::string_view text) {
  std::string out(1, kind);
  out += text;
  return out;
}

std::string invoice_reference(std::string_view creditor, std::string_view invoice) {
  std::string text(creditor);
  text += '\0';
  text += invoice;
  return reference('I', text);
}

std::string debtor_reference(std::string_view creditor, std::string_view debtor_ref) {
  std::string text(creditor);
  text += '\0';
  text += debtor_ref;
  return reference('D', text);
}

std::string payment_reference(std::string_view text) {
  return reference('P', text);
}

namespace {
std::string with_text(std::string_view head, std::string_view text) {
  std::string out(head);
  out += text;
  out += '\0';
  return out;
}
}  // namespace

std::string debtor_name_prefix(std::string_view normalized_name) {
  return with_text("N", normalized_name);
}
std::string debtor_name(std::string_view normalized_name, std::uint64_t id) {
  std::string out = debtor_name_prefix(normalized_name);
  put_u64(out, id);
  return out;
}
std::string payer_iban_prefix(std::string_view iban) {
  return with_text("A", iban);
}
std::string payer_iban(std::string_view iban, std::uint64_t id) {
  std::string out = payer_iban_prefix(iban);
  put_u64(out, id);
  return out;
}

std::string bank_transaction(std::string_view transaction_key) {
  return "tx/" + std::string(transaction_key);
}
std::string unmatched(std::uint64_t seq) {
  std::string out(kUnmatchedPrefix);
  put_u64(out, seq);
  return out;
}
std::string ignored_payment(std::uint64_t seq) {
  std::string out(kIgnoredPrefix);
  put_u64(out, seq);
  return out;
}
std::string unmatched_token_prefix(std::string_view token) {
  return with_text("t/", token);
}
std::string unmatched_token(std::string_view token, std::uint64_t seq) {
  std::string out = unmatched_token_prefix(token);
  put_u64(out, seq);
  return out;
}
std::string end_to_end(std::string_view account, std::string_view end_to_end_id,
                       std::int64_t cents) {
  std::string out = with_text("e/", account);
  out += end_to_end_id;
  out += '\0';
  put_u64(out, static_cast<std::uint64_t>(cents));
  return out;
}

std::string call_task(std::int32_t due_day, std::uint64_t id) {
  std::string out(kCallTaskPrefix);
  put_u32(out, static_cast<std::uint32_t>(due_day) ^ 0x80000000u);
  put_u64(out, id);
  return out;
}

}  // namespace pinc::keys

namespace pinc::keys {

namespace {
void put_day(std::string& out, std::int32_t day) {
  put_u32(out, static_cast<std::uint32_t>(day) ^ 0x80000000u);
}
std::string delivery_suffix(const Delivery& delivery) {
  std::string out;
  put_u64(out, delivery.id);
  put_u64(out, delivery.seq);
  out += static_cast<char>(delivery.route);
  return out;
}
std::optional<Route> route_of(char code) {
  switch (code) {
    case 'e':
      return Route::email;
    case 'p':
      return Route::post;
    case 'h':
      return Route::creditor_notice;
    default:
      return std::nullopt;
  }
}
}  // namespace

std::string pending_delivery(const Delivery& delivery) {
  std::string out = kPendingDeliveryPrefix;
  put_day(out, delivery.due_day);
  return out + delivery_suffix(delivery);
}

std::string pending_delivery_until(std::int32_t day) {
  std::string out = kPendingDeliveryPrefix;
  put_day(out, day + 1);
  return out;
}

std::string done_delivery(const Delivery& delivery) {
  return kDoneDeliveryPrefix + delivery_suffix(delivery);
}

std::string failed_delivery(const Delivery& delivery) {
  return kFailedDeliveryPrefix + delivery_suffix(delivery);
}

std::string done_deliveries_of(std::uint64_t id) {
  std::string out = kDoneDeliveryPrefix;
  put_u64(out, id);
  return out;
}

std::string failed_deliveries_of(std::uint64_t id) {
  std::string out = kFailedDeliveryPrefix;
  put_u64(out, id);
  return out;
}

std::optional<Delivery> parse_settled_delivery(std::string_view key) {
  if (key.size() != 2 + 8 + 8 + 1) return std::nullopt;
  if (!key.starts_with(kDoneDeliveryPrefix) && !key.starts_with(kFailedDeliveryPrefix))
    return std::nullopt;
  const auto route = route_of(key[18]);
  if (!route) return std::nullopt;
  return Delivery{0, read_u64(key, 2), read_u64(key, 10), *route};
}

std::string print_batch(std::int32_t day) {
  std::string out = kPrintBatchPrefix;
  put_day(out, day);
  return out;
}

std::optional<Delivery> parse_pending_delivery(std::string_view key) {
  if (key.size() != 2 + 4 + 8 + 8 + 1 || !key.starts_with(kPendingDeliveryPrefix))
    return std::nullopt;
  const auto route = route_of(key[22]);
  if (!route) return std::nullopt;
  return Delivery{static_cast<std::int32_t>(read_u32(key, 2) ^ 0x80000000u), read_u64(key, 6),
                  read_u64(key, 14), *route};
}

std::string_view route_name(Route route) {
  switch (route) {
    case Route::email:
      return "email";
    case Route::post:
      return "post";
    case Route::creditor_notice:
      return "notice";
  }
  return "?";
}

std::string delivery_name(const Delivery& delivery) {
  return std::to_string(delivery.id) + "-" + std::to_string(delivery.seq) + "-" +
         std::string(route_name(delivery.route));
}

std::optional<Delivery> parse_delivery_name(std::string_view name) {
  const auto first = name.find('-');
  const auto second = first == std::string_view::npos ? first : name.find('-', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view text) -> std::optional<std::uint64_t> {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
  };
  const auto id = number(name.substr(0, first));
  const auto seq = number(name.substr(first + 1, second - first - 1));
  const std::string_view route = name.substr(second + 1);
  Delivery delivery;
  if (!id || !seq) return std::nullopt;
  delivery.id = *id;
  delivery.seq = *seq;
  if (route == "email")
    delivery.route = Route::email;
  else if (route == "post")
    delivery.route = Route::post;
  else if (route == "notice")
    delivery.route = Route::creditor_notice;
  else
    return std::nullopt;
  return delivery;
}

}  // namespace pinc::keys
