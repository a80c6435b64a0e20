#!/usr/bin/env bash
# Builds pinc and shows it working: starts pincd on a simulated clock, loads a small sample book
# (data/sample-book.csv) and moves the clock on so that the dossiers go reminder -> call ->
# final_notice -> deadline -> handed_over, with a payment, a call and a promise on the way. pincd
# is left running in the background for you to try pinc on.
#
#   scripts/run.sh          build, start (or reuse) pincd, and run the demo once
#   scripts/run.sh stop     stop the pincd this script started
#
# Letters go out for real: e-mails to a local SMTP server (python3-aiosmtpd, writing a maildir
# in DATA/mailbox) and post into one print batch per working day (DATA/print).
#
# PINC_DATA (default ./pinc-data in the repository), PINC_PORT (default 7420; the SMTP server
# takes the next port) and PINC_BUILD_DIR (default build) change where things go. Running it again is safe: a running pincd is reused and
# the sample book is loaded, and the clock walked, only once per data directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PINC_DATA:-$root/pinc-data}"
mkdir -p "$data"
data="$(cd "$data" && pwd)"  # absolute: it is how we recognise our pincd among the processes
port="${PINC_PORT:-7420}"
smtp_port=$((port + 1))
smtp_pid_file="$data/smtp.pid"
build_dir="${PINC_BUILD_DIR:-build}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
pincd="$build_dir/bin/pincd"
pinc="$build_dir/bin/pinc"
pid_file="$data/pincd.pid"
log="$data/pincd.log"
sim_start=2026-03-02

say() { printf '\n== %s\n' "$*"; }
# Shows a command as you would type it (PINC_CONNECT and PINC_TOKEN are exported), then runs it.
run() {
  local shown=() arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:,=@+-]+$ ]]; then shown+=("$arg"); else shown+=("'$arg'"); fi
  done
  printf '\n$ pinc %s\n' "${shown[*]}"
  "$pinc" "$@"
}

# The pid of the pincd serving $data, or nothing. The pid file is checked against the process
# list, because after a reboot or a kill -9 the number may belong to another program.
running_pid() {
  local pid cmdline
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 0
  [[ "$cmdline" == *pincd*" --data $data "* ]] && echo "$pid"
  return 0
}

stop_mail_server() {
  [ -f "$smtp_pid_file" ] || return 0
  kill "$(cat "$smtp_pid_file")" 2>/dev/null || true
  rm -f "$smtp_pid_file"
}

if [ "${1:-}" = stop ]; then
  stop_mail_server
  pid="$(running_pid)"
  if [ -z "$pid" ]; then
    echo "no pincd started by scripts/run.sh is running on $data"
    exit 0
  fi
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pid_file"
  echo "pincd (pid $pid) stopped"
  exit 0
fi

"$root/scripts/build.sh"

# The agency and its mail relay: here a local SMTP server that keeps every e-mail in a maildir.
cat >"$data/pincd.toml" <<TOML
[agency]
name = "Incassobureau Zuid B.V."
registration = "Justis 12345"
street = "Stationsplein 1"
postcode = "3511 ED"
city = "Utrecht"
phone = "030 123 4567"
email = "post@zuid-incasso.example"
website = "www.zuid-incasso.example"
[smtp]
url = "smtp://127.0.0.1:$smtp_port"
retry_ms = 2000
TOML
if ! { [ -f "$smtp_pid_file" ] && kill -0 "$(cat "$smtp_pid_file")" 2>/dev/null; }; then
  nohup /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" \
    -c aiosmtpd.handlers.Mailbox "$data/mailbox" >>"$data/smtp.log" 2>&1 </dev/null &
  echo $! >"$smtp_pid_file"
fi

# Starts pincd in the background (surviving this script) and waits until it answers.
start_pincd() {
  local args=(--data "$data" --listen "127.0.0.1:$port" --clock sim --config "$data/pincd.toml")
  # The store keeps its simulated day, so --sim-start only matters the first time. A store this
  # script made is always restarted on the simulated clock: on the wall clock it would jump to
  # today and run every dossier's remaining steps at once.
  [ -e "$data/store/CURRENT" ] || args+=(--sim-start "$sim_start")
  rm -f "$data/pincd.addr"  # a kill -9 leaves the old one behind
  echo "starting pincd ${args[*]} (log: $log)"
  nohup "$pincd" "${args[@]}" >>"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  for _ in $(seq 1 200); do
    if ! kill -0 "$pid" 2>/dev/null; then
      local code=0
      wait "$pid" || code=$?
      rm -f "$pid_file"
      echo "pincd exited with code $code:" >&2
      tail -n 5 "$log" >&2
      case "$code" in
        3) echo "another pincd, not started by this script, holds $data: stop it first" >&2 ;;
        4) echo "the store in $data is damaged; move it away to start afresh" >&2 ;;
        1) echo "is port $port taken? choose another with PINC_PORT" >&2 ;;
      esac
      exit 1
    fi
    if [ -s "$data/pincd.addr" ] && [ -s "$data/admin.token" ] &&
      "$pinc" --connect "$(cat "$data/pincd.addr")" --token "$(cat "$data/admin.token")" \
        clock show >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "pincd did not answer within 20 s; see $log" >&2
  exit 1
}

# A pincd already serving this data directory is reused rather than restarted: it may be serving
# someone right now, and only one pincd can hold a data directory anyway.
pid="$(running_pid)"
if [ -n "$pid" ]; then
  say "pincd is already running on $data (pid $pid): using it"
else
  say "starting pincd on $data"
  start_pincd
  pid="$(cat "$pid_file")"
fi
PINC_CONNECT="$(cat "$data/pincd.addr")"
# The data directory's own admin token wins over a PINC_TOKEN left in the environment from another
# data directory; PINC_TOKEN is for a pincd with tokens from a config file (no admin.token).
[ -s "$data/admin.token" ] && PINC_TOKEN="$(cat "$data/admin.token")"
if [ -z "${PINC_TOKEN:-}" ]; then
  echo "no $data/admin.token: set PINC_TOKEN to an admin token of this pincd" >&2
  exit 1
fi
export PINC_CONNECT PINC_TOKEN
echo "pincd (pid $pid) serves on $PINC_CONNECT"

# The id pincd gave the sample book's dossier of debtor $1 (list --json prints one object a line,
# keys in alphabetical order).
dossier_id() {
  "$pinc" list --creditor acme --all --json |
    sed -n "s/.*\"debtor_ref\":\"$1\".*\"id\":\([0-9]*\).*/\1/p"
}
# A dossier's payment reference (show --json is indented, one key a line).
payment_reference() {
  "$pinc" show "$1" --json | sed -n 's/^  "payment_reference": "\([0-9A-Z]*\)",*$/\1/p'
}
# A camt.053 day statement of acme's account with one credit under a structured reference.
write_statement() {
  cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><GrpHdr><MsgId>DEMO-1</MsgId><CreDtTm>2026-03-04T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>DEMO-1</Id><CreDtTm>2026-03-04T18:00:00</CreDtTm>
<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">$3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-04</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">$3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-03-04</Dt></BookgDt><ValDt><Dt>2026-03-04</Dt></ValDt><AcctSvcrRef>DEMO-1-1</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>DEMO-E2E-1</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>P. Bakker</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>$2</Ref></CdtrRefInf></Strd></RmtInf>
</TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
XML
}
advance() {
  run clock advance "$1"
  run stats
  run list --creditor acme
}

if "$pinc" creditor show acme >/dev/null 2>&1 && [ -n "$(dossier_id K-1001)" ]; then
  say "the sample book is already loaded; where things stand:"
  run clock show
  run stats
  run list --creditor acme
else
  say "a creditor and its book of overdue invoices (data/sample-book.csv), opened on $sim_start"
  run creditor add acme --name "Acme Groothandel BV" --iban NL91ABNA0417164300
  run import "$root/data/sample-book.csv"
  run list --creditor acme
  clock="$("$pinc" clock show --json)"
  if [[ "$clock" != *'"simulated": true'* ]]; then
    echo "pincd runs on the wall clock here: the dossiers move as the days pass"
  else
    jan="$(dossier_id K-1001)" fatima="$(dossier_id K-1002)" pieter="$(dossier_id K-1003)"
    mohammed="$(dossier_id K-1005)" els="$(dossier_id K-1006)"

    say "day by day: reminders go out (by e-mail where there is one, else by post)"
    advance 1d
    advance 1d
    say "yesterday's post is in today's print batch; the e-mails are in the mail server's maildir"
    ls "$data/print"
    cat "$data/print"/*/manifest.csv
    echo "e-mails received: $(ls "$data/mailbox/new" | wc -l)"
    say "what Pieter Bakker's 14-day letter would say today (art. 6:96 lid 6 BW)"
    run letter preview "$pieter" --step final_notice --out "$data/preview-$pieter.pdf"
    pdftotext -layout "$data/preview-$pieter.pdf" - | sed -n '1,60p' 
    say "Jan de Vries pays in full at the counter (booked by hand); Pieter Bakker pays part by" \
      "bank transfer with his payment reference, which arrives in the bank's statement"
    run pay "$jan" 89,95
    statement="$data/demo-statement-$(date +%s).xml"
    write_statement "$statement" "$(payment_reference "$pieter")" 500.00
    run feed push "$statement"
    rm -f "$statement"
    say "a week on: the operators' calls are due"
    advance 6d
    run call next
    run call log "$fatima" promise --note "pays on the 20th"
    run promise "$fatima" --by 2026-03-20
    run call log "$mohammed" no_answer
    say "a week on: the final notices (for consumers the 14-day letter of art. 6:96 lid 6 BW)"
    advance 1w
    say "two weeks on: the businesses' deadline passes and they are handed over; Fatima's" \
      "promise was broken, so her flow resumed"
    advance 2w
    say "a week on: the consumers' term has run out too"
    advance 1w
    say "one handed-over dossier: the claim with statutory costs and interest"
    run show "$els"
    say "the letters: one print batch per working day, e-mails delivered, nothing waiting"
    ls "$data/print"
    echo "e-mails received: $(ls "$data/mailbox/new" | wc -l)"
    run outbox list
  fi
fi

cat <<EOF

== pincd keeps running in the background (pid $pid, log $log). Talk to it with:

  export PINC_CONNECT=$PINC_CONNECT PINC_TOKEN=\$(cat $data/admin.token)
  $pinc list
  $pinc clock advance 1w

Stop it with:

  scripts/run.sh stop        (or: kill \$(cat $pid_file))
EOF
