#pragma once
// pincd's Cap'n Proto services: the Gateway a client bootstraps, and the role capabilities behind
// it. They live on the RPC thread's kj event loop and never block it on the engine: a call sends
// its input to a shard and waits on a cross-thread promise.
#include <kj/memory.h>

#include "blocking_work.hpp"
#include "clock.hpp"
#include "creditors.hpp"
#include "engine.hpp"
#include "feed_service.hpp"
#include "letter_source.hpp"
#include "outbox_dispatcher.hpp"
#include "payment_desk.hpp"
#include "pinc.capnp.h"
#include "store.hpp"
#include "tokens.hpp"

namespace pinc {

struct ServiceContext {
  Engine& engine;
  Store& store;
  CreditorRegistry& creditors;
  EngineClock& clock;
  const TokenBook& tokens;
  const Calendar& calendar;
  BlockingWork& work;
  PaymentDesk& payments;
  FeedContext& feed;
  OutboxDispatcher& outbox;
  LetterSource& letters;
};

kj::Own<schema::Gateway::Server> make_gateway(ServiceContext& context);

}  // namespace pinc
