#include "command_input.hpp"

#include "rpc_support.hpp"

namespace pinc {

namespace s = schema;
using rpc::date_of;
using rpc::text;

Result<Input> to_input(schema::Command::Reader command, std::string actor, Date today) {
  Input input{std::move(actor), AddNote{}};
  switch (command.which()) {
    case s::Command::PAY: {
      auto pay = command.getPay();
      if (pay.getPaymentId().size() == 0) return make_error("payment", "needs an id");
      ReceivePayment payment{text(pay.getPaymentId()), pay.getAmountCents(),
                             pay.getDate() == 0 ? today : date_of(pay.getDate()), std::nullopt,
                             "manual"};
      if (pay.getInvoice().size() > 0) payment.designated_invoice = text(pay.getInvoice());
      input.payload = payment;
      break;
    }
    case s::Command::REVERSE: {
      auto reverse = command.getReverse();
      input.payload = ReversePayment{text(reverse.getPaymentId()), text(reverse.getReason())};
      break;
    }
    case s::Command::CALL_LOG: {
      auto call = command.getCallLog();
      if (static_cast<unsigned>(call.getOutcome()) > 5) return make_error("outcome", "unknown");
      input.payload = LogCall{static_cast<CallOutcome>(call.getOutcome()), text(call.getNote())};
      break;
    }
    case s::Command::PROMISE: {
      auto promise = command.getPromise();
      MakePromise made{date_of(promise.getBy()), std::nullopt};
      if (promise.getAmountCents() > 0) made.amount_cents = promise.getAmountCents();
      input.payload = made;
      break;
    }
    case s::Command::ARRANGE: {
      auto arrange = command.getArrange();
      auto every = parse_interval(text(arrange.getEvery()), "--every");
      if (!every) return every.error();
      input.payload = MakeArrangement{static_cast<int>(arrange.getInstallments()),
                                      date_of(arrange.getFirst()), *every};
      break;
    }
    case s::Command::DISPUTE:
      input.payload = RaiseDispute{text(command.getDispute())};
      break;
    case s::Command::RESOLVE: {
      auto resolve = command.getResolve();
      ResolveDispute resolved{resolve.getUpheld(), std::nullopt};
      if (resolve.getCorrectedPrincipalCents() >= 0)
        resolved.corrected_principal_cents = resolve.getCorrectedPrincipalCents();
      input.payload = resolved;
      break;
    }
    case s::Command::PAUSE:
      input.payload = Pause{date_of(command.getPause())};
      break;
    case s::Command::RESUME:
      input.payload = Resume{};
      break;
    case s::Command::WITHDRAW:
      input.payload = Withdraw{text(command.getWithdraw())};
      break;
    case s::Command::WRITE_OFF:
      input.payload = WriteOff{text(command.getWriteOff())};
      break;
    case s::Command::NOTE:
      input.payload = AddNote{text(command.getNote())};
      break;
    default:
      return make_error("command", "unknown command");
  }
  return input;
}

}  // namespace pinc
