// The default strategy, used when a creditor names none. Kept as TOML so that it reads like the
// file an operator would write, and is loaded by the same parser.
#include "strategy.hpp"

namespace pinc {

std::string_view default_strategy_toml() {
  return R"(# pinc's default pre-collection strategy.
name = "default"
arrangement_grace_days = 7
call_escalates_without_answer = true

# A friendly reminder on the later of the 3rd working day after the due date and the first
# working day after the dossier was opened.
[[step]]
name = "reminder"
action = "reminder"
after = "due_date"
working_days = 3
not_before = { after = "opened", working_days = 1 }
channels = "email_else_post"

# An operator's call task, 7 days after the reminder, moved to a working day.
[[step]]
name = "call"
action = "call"
after = "previous"
days = 7
move_to_working_day = true

# 4 days after the call: to a consumer the statutory 14-day letter (art. 6:96 lid 6 BW), by post
# and also by e-mail when an address is known ...
[[step]]
name = "final_notice"
action = "final_notice"
when = { debtor_kind = "consumer" }
after = "previous"
days = 4
move_to_working_day = true
channels = "post_and_email_if_known"
term_days = 14

# ... to a business a final notice with a 10-day term.
[[step]]
name = "final_notice"
action = "final_notice"
when = { debtor_kind = "business" }
after = "previous"
days = 4
move_to_working_day = true
channels = "email_else_post"
term_days = 10

# The term's last day (from the day after presumed receipt, extended per the Atw).
[[step]]
name = "deadline"
action = "deadline"

# Hand-over on the 2nd working day after the term's last day.
[[step]]
name = "handed_over"
action = "hand_over"
after = "previous"
working_days = 2
)";
}

const Strategy& default_strategy() {
  static const Strategy strategy = parse_strategy(default_strategy_toml(), "default").value();
  return strategy;
}

}  // namespace pinc
