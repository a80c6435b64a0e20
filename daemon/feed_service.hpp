#pragma once
// pincd's Feed capability: bank files uploaded in chunks (what `pinc feed push` uses) and the open
// transaction stream of a bank connector. Both end at the payment desk, off the RPC loop.
#include <kj/memory.h>

#include <string>

#include "blocking_work.hpp"
#include "payment_desk.hpp"
#include "pinc.capnp.h"

namespace pinc {

struct FeedContext {
  PaymentDesk& payments;
  BlockingWork& work;
  std::string inbox_dir;  // where uploads are spooled until they are read (DATA/inbox)
};

kj::Own<schema::Feed::Server> make_feed(FeedContext& context);

// The summary every delivery path reports (RPC, the drop directory, HTTP).
void write_feed_summary(schema::FeedSummary::Builder out, const FeedReport& report);

}  // namespace pinc
