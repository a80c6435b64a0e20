#pragma once
// Bank transactions to and from their Cap'n Proto form (schema/pinc.capnp BankTransaction), for
// the unmatched queue and for the transactions a feed connector streams.
#include "bank_transaction.hpp"
#include "pinc.capnp.h"
#include "result.hpp"

namespace pinc {

void write_bank_transaction(schema::BankTransaction::Builder out,
                            const feeds::BankTransaction& transaction);
// Checks what a connector sent: a known format, an amount above zero, a currency.
Result<feeds::BankTransaction> read_bank_transaction(schema::BankTransaction::Reader in);

}  // namespace pinc
