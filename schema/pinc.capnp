@0x847d1ca49982c254;
# pinc's schema: the records pinc stores and (below them) its RPC interface.
#
# Evolution rules: ordinals are only ever appended, new fields get defaults, nothing is renamed in
# a way that changes meaning. Money is integer euro cents (Int64). A date is a day number: days
# since 1970-01-01 (Int32), the value of std::chrono::sys_days.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("pinc::schema");

# ------------------------------------------------------------------------------------------------
# Stored records. These are what RocksDB holds (see storage/keys.hpp for the keys). Fields are only
# ever appended, with new ordinals, so old records stay readable. Money is integer cents (Int64);
# a date is days since 1970-01-01 (Int32), the value of std::chrono::sys_days.

struct Address {
  street @0 :Text;
  postcode @1 :Text;
  city @2 :Text;
  country @3 :Text;
}

enum DebtorKind { consumer @0; business @1; }
enum Channel { post @0; email @1; }

struct Debtor {
  ref @0 :Text;         # the creditor's reference; with the creditor it names the dossier
  name @1 :Text;
  kind @2 :DebtorKind;
  email @3 :Text;
  phone @4 :Text;
  address @5 :Address;
  language @6 :Text;
}

struct Invoice {
  number @0 :Text;
  invoiceDate @1 :Int32;
  dueDate @2 :Int32;
  amountCents @3 :Int64;
  principalCents @4 :Int64;   # open
  costsCents @5 :Int64;       # open share of the costs charged
  interestCents @6 :Int64;    # open interest booked
}

struct ClaimAllocation {
  toCostsCents @0 :Int64;
  toInterestCents @1 :Int64;
  toPrincipalCents @2 :Int64;
}

struct PaymentRecord {
  id @0 :Text;
  date @1 :Int32;
  amountCents @2 :Int64;
  allocation @3 :List(ClaimAllocation);   # per invoice, in the dossier's invoice order
  toCreditCents @4 :Int64;
  source @5 :Text;
  forRefund @6 :Bool;
  reversed @7 :Bool;
}

struct Term {
  sent @0 :Int32;
  receipt @1 :Int32;
  firstDay @2 :Int32;
  lastDayPlain @3 :Int32;
  lastDay @4 :Int32;
  costsFrom @5 :Int32;
  termDays @6 :Int32;
}

enum StepAction { reminder @0; call @1; finalNotice @2; deadline @3; handOver @4; }

struct PerformedStep {
  index @0 :UInt32;
  date @1 :Int32;
  term @2 :Term;
  hasTerm @3 :Bool;
}

struct PendingStep {
  index @0 :UInt32;
  name @1 :Text;
  action @2 :StepAction;
  date @3 :Int32;
  waitsForCall @4 :Bool;
}

struct Installment {
  due @0 :Int32;
  amountCents @1 :Int64;
}

struct SideState {
  union {
    none @0 :Void;
    promised :group { by @1 :Int32; amountCents @2 :Int64; paidBeforeCents @3 :Int64; }
    arranged :group {
      installments @4 :List(Installment);
      paidBeforeCents @5 :Int64;
      graceDays @6 :Int32;
      checked @7 :UInt32;
    }
    disputed :group { reason @8 :Text; since @9 :Int32; }
    paused :group { until @10 :Int32; }
  }
}

struct Claim {
  principalCents @0 :Int64;
  interestCents @1 :Int64;
  costsCents @2 :Int64;
  totalCents @3 :Int64;
  interestThrough @4 :Int32;
  interestTable @5 :Text;
  interestNote @6 :Text;
}

enum Stage {
  opened @0; reminder @1; call @2; finalNotice @3; deadline @4; handedOver @5; paid @6;
  withdrawn @7; writtenOff @8;
}

# A dossier's latest snapshot (column family "state", key = dossier id).
struct DossierState {
  id @0 :UInt64;
  creditor @1 :Text;
  strategy @2 :Text;
  paymentReference @3 :Text;
  debtor @4 :Debtor;
  opened @5 :Int32;
  stage @6 :Stage;
  stageBeforePaid @7 :Stage;
  side @8 :SideState;
  lastStep @9 :PerformedStep;
  hasLastStep @10 :Bool;
  pending @11 :PendingStep;
  hasPending @12 :Bool;
  costsDueOn @13 :Int32;
  hasCostsDueOn @14 :Bool;
  costsCharged @15 :Bool;
  callTaskOpen @16 :Bool;
  callTaskDue @17 :Int32;
  hasCallTaskDue @18 :Bool;
  invoices @19 :List(Invoice);
  payments @20 :List(PaymentRecord);
  costsChargedCents @21 :Int64;
  interestChargedCents @22 :Int64;
  writtenDownCents @23 :Int64;
  creditCents @24 :Int64;
  refundDueCents @25 :Int64;
  claim @26 :Claim;
  hasClaim @27 :Bool;
  nextEventSeq @28 :UInt64;
  adminCostsCents @29 :Int64;
}

struct CostsCharged {
  basisCents @0 :Int64;
  costsCents @1 :Int64;
  vatCents @2 :Int64;
  perInvoiceCents @3 :List(Int64);
}

enum CallOutcome { reached @0; promise @1; arrangementAsked @2; dispute @3; noAnswer @4; wrongNumber @5; }

# One entry of a dossier's history (column family "events", key = dossier id + seq).
struct Event {
  seq @0 :UInt64;
  date @1 :Int32;
  actor @2 :Text;
  union {
    opened :group {
      id @3 :UInt64;
      creditor @4 :Text;
      strategy @5 :Text;
      paymentReference @6 :Text;
      debtor @7 :Debtor;
      invoices @8 :List(Invoice);
    }
    invoiceAdded @9 :Invoice;
    stepPlanned :group { pending @10 :PendingStep; hasPending @11 :Bool; }
    stepPerformed :group {
      index @12 :UInt32;
      name @13 :Text;
      action @14 :StepAction;
      channels @15 :List(Channel);
      term @16 :Term;
      hasTerm @17 :Bool;
      skipped @18 :UInt32;
    }
    callTaskClosed @19 :Void;
    costsCharged @20 :CostsCharged;
    interestCharged @21 :List(Int64);
    claimFixed @22 :Claim;
    paymentApplied @23 :PaymentRecord;
    paymentKeptForRefund :group { paymentId @24 :Text; amountCents @25 :Int64; source @26 :Text; }
    paymentReversed :group { paymentId @27 :Text; reason @28 :Text; }
    paid @29 :Void;
    reopened @30 :Void;
    callLogged :group { outcome @31 :CallOutcome; note @32 :Text; }
    promiseMade :group { by @33 :Int32; amountCents @34 :Int64; }
    promiseKept @35 :Void;
    promiseBroken @36 :Void;
    arrangementMade :group { installments @37 :List(Installment); graceDays @38 :Int32; }
    installmentsChecked @39 :UInt32;
    arrangementBroken @40 :Void;
    disputeRaised @41 :Text;
    disputeResolved :group { upheld @42 :Bool; writeDownPerInvoiceCents @43 :List(Int64); }
    pauseStarted @44 :Int32;
    pauseEnded @45 :Void;
    withdrawn @46 :Text;
    writtenOff @47 :Text;
    noteAdded @48 :Text;
    adminCostsCharged :group { costsCents @49 :Int64; perInvoiceCents @50 :List(Int64); }
    termExtended @51 :Term;
  }
}

enum DocumentKind {
  reminder @0; finalNotice @1; statutoryLetter @2; promiseConfirmation @3;
  arrangementConfirmation @4;
}

# Work to carry out exactly once (column family "outbox", key = dossier id + effect seq).
struct Effect {
  dossier @0 :UInt64;
  seq @1 :UInt64;          # the seq of the event that caused it
  union {
    sendDocument :group {
      kind @2 :DocumentKind;
      step @3 :Text;
      channels @4 :List(Channel);
      dispatchOn @5 :Int32;
      term @6 :Term;
      hasTerm @7 :Bool;
      openCents @8 :Int64;
      announcedCostsCents @9 :Int64;
    }
    callTask :group { due @10 :Int32; }
    handOver @11 :Claim;
    refund :group { paymentId @12 :Text; amountCents @13 :Int64; }
  }
  # Unused: a letter's delivery lives in its Delivery records (dispatch family), one per route.
  attempts @14 :UInt32;
  state @15 :EffectState;
  lastError @16 :Text;
  payBy @17 :Int32;        # sendDocument: the date the letter asks payment by
}

enum EffectState { pending @0; done @1; failed @2; }

# A letter of an effect on one route (dispatch family, see storage/keys.hpp): where it stands.
enum DeliveryState { pending @0; sent @1; cancelled @2; failed @3; }
struct Delivery {
  dossier @0 :UInt64;
  seq @1 :UInt64;            # the effect's
  route @2 :Text;            # email, post, notice (to the creditor)
  due @3 :Int32;             # the day it may go out
  state @4 :DeliveryState;
  attempts @5 :UInt32;
  nextAttemptMs @6 :Int64;   # wall clock, ms since 1970: not before (retry backoff)
  lastError @7 :Text;
  sentOn @8 :Int32;          # the engine's day it went out
  messageId @9 :Text;        # e-mail: stable across retries
  batch @10 :Int32;          # post: the day of the print batch it is in
  kind @11 :Text;            # reminder, statutory_letter, ...
  recipient @12 :Text;       # the address it went to
  name @13 :Text;            # what operators call it: <dossier>-<seq>-<route>
}

# A working day's post, cut into one print batch (dispatch family, key "b/" + day).
struct PrintBatch {
  day @0 :Int32;
  letters @1 :UInt32;
  pages @2 :UInt32;
  directory @3 :Text;
}

# A creditor: the agency's client (meta family, key "creditor/<id>").
struct Creditor {
  id @0 :Text;
  name @1 :Text;
  iban @2 :Text;
  strategyName @3 :Text;        # "default" or the name in the strategy file
  strategyToml @4 :Text;        # the strategy file's text; empty for the default strategy
  vatPercentHundredths @5 :Int32;  # > 0: statutory costs raised by VAT (Besluit BIK art. 2 lid 3)
  email @6 :Text;               # where hand-over notices go; by post to the address when empty
  address @7 :Address;
  businessAdminCostsCents @8 :Int64;  # admin costs for the first letter to a business debtor
}

# A payment as a bank reported it (feeds/bank_transaction.hpp), normalized: cents, day numbers
# (0: none), references and IBANs without spaces. Kept in the unmatched queue and streamed by feed
# connectors.
struct BankTransaction {
  format @0 :Text;              # camt.053, camt.054, camt.052, mt940, mt942
  account @1 :Text;             # the statement's account (IBAN or the bank's account id)
  statementId @2 :Text;
  entryIndex @3 :UInt64;
  detailIndex @4 :UInt32;
  provisional @5 :Bool;         # a notification (camt.052/054, MT942), not a statement
  status @6 :Text;              # BOOK, PDNG, INFO
  amountCents @7 :Int64;        # > 0; the direction is `credit`
  currency @8 :Text;
  credit @9 :Bool;
  reversal @10 :Bool;
  returnReason @11 :Text;
  bookingDate @12 :Int32;
  valueDate @13 :Int32;
  bankReference @14 :Text;
  endToEndId @15 :Text;
  uetr @16 :Text;
  mandateId @17 :Text;
  counterpartyName @18 :Text;
  counterpartyIban @19 :Text;
  structuredReference @20 :Text;
  remittanceText @21 :Text;
  additionalInfo @22 :Text;
}

# A credit pinc could not apply by itself (bank family, key "q/" + seq): waiting for an operator
# to assign it to a dossier or to set it aside (then kept under "x/" + seq, `ignored` set).
struct UnmatchedPayment {
  id @0 :UInt64;                # the queue's sequence number: what operators name it by
  transactionKey @1 :Text;      # the dedupe key (see daemon/transaction_key.hpp)
  received @2 :Int32;           # the engine's day it arrived
  reason @3 :Text;              # why it was not applied
  suggestedDossier @4 :UInt64;  # 0: none
  suggestedRule @5 :Text;
  confidence @6 :UInt8;
  source @7 :Text;              # the file or stream it came from
  transaction @8 :BankTransaction;
  ignored @9 :Bool;             # an operator set it aside
  ignoreReason @10 :Text;
}

# ------------------------------------------------------------------------------------------------
# RPC. A client connects, bootstraps a Gateway and exchanges a token for the capability of its role.
# Errors come back as exceptions whose description names the field and the problem. Dates are day
# numbers as above; a day of 0 means "none" where noted.

enum Role { admin @0; operator @1; feed @2; }

interface Gateway {
  # Exchanges a token (from the daemon's config, or DATA/admin.token) for capabilities. A wrong
  # token gets an error and nothing else. An operator gets `operator`; an admin `admin`,
  # `operator` and `feed`; a feed only `feed`. Capabilities not granted are null.
  login @0 (token :Text) -> (role :Role, operator :Operator, admin :Admin, feed :Feed);
}

# One row of an import file (one invoice; rows with the same creditor and debtorRef form a dossier).
struct ImportRow {
  line @0 :UInt32;            # the row's line number in the file, for error reports
  creditor @1 :Text;
  debtorRef @2 :Text;
  debtorName @3 :Text;
  debtorKind @4 :Text;        # consumer | business
  email @5 :Text;
  phone @6 :Text;
  street @7 :Text;
  postcode @8 :Text;
  city @9 :Text;
  country @10 :Text;
  invoice @11 :Text;
  invoiceDate @12 :Text;      # YYYY-MM-DD, checked by the daemon
  dueDate @13 :Text;
  amount @14 :Text;           # euros: 1234.56 or 1234,56
}

struct RowResult {
  line @0 :UInt32;
  accepted @1 :Bool;
  dossier @2 :UInt64;
  duplicate @3 :Bool;         # the invoice was already in the dossier
  error @4 :Text;             # why the row was refused
}

interface ImportSink {
  # A chunk of rows (at most a few thousand). The client keeps a few chunks in flight.
  add @0 (rows :List(ImportRow)) -> (results :List(RowResult));
}

struct DossierSummary {
  id @0 :UInt64;
  creditor @1 :Text;
  debtorRef @2 :Text;
  debtorName @3 :Text;
  stage @4 :Text;             # the stage, or the side state (promised, disputed, ...) over it
  openCents @5 :Int64;
  nextStep @6 :Text;          # the pending step's name; while a side state holds the flow, what
                              # it waits for: promise_due, installment_due, pause_ends,
                              # dispute_to_resolve; empty when nothing comes
  nextDate @7 :Int32;         # the day of that, 0 when none
  paymentReference @8 :Text;
  dueDate @9 :Int32;          # the latest due date of its invoices
}

struct ScheduledStep {
  name @0 :Text;
  date @1 :Int32;
}

struct DossierDetail {
  state @0 :DossierState;
  history @1 :List(Event);
  summary @2 :DossierSummary;
  schedule @3 :List(ScheduledStep);   # the pending step and the ones the strategy plans after it
  effects @4 :List(Effect);           # its outbox: letters, e-mails, call tasks, hand-overs
  deliveries @5 :List(Delivery);      # its letters that went out, were cancelled or failed
}

struct ListFilter {
  stage @0 :Text;             # empty: any
  creditor @1 :Text;          # empty: any
  dueFrom @2 :Int32;          # 0: no bound
  dueTo @3 :Int32;            # 0: no bound
}

# What an operator does to a dossier.
struct Command {
  union {
    pay :group { paymentId @0 :Text; amountCents @1 :Int64; date @2 :Int32; invoice @3 :Text; }
    reverse :group { paymentId @4 :Text; reason @5 :Text; }
    callLog :group { outcome @6 :CallOutcome; note @7 :Text; }
    promise :group { by @8 :Int32; amountCents @9 :Int64; }    # amount 0: everything open
    arrange :group { installments @10 :UInt32; first @11 :Int32; every @12 :Text; }
    dispute @13 :Text;                                          # the reason
    resolve :group { upheld @14 :Bool; correctedPrincipalCents @15 :Int64; }  # -1: none
    pause @16 :Int32;                                           # until
    resume @17 :Void;
    withdraw @18 :Text;
    writeOff @19 :Text;
    note @20 :Text;
  }
}

struct StageCount {
  stage @0 :Text;
  dossiers @1 :UInt64;
  openCents @2 :Int64;
}

interface Operator {
  # One dossier: its state, ledger, schedule and history.
  show @0 (id :UInt64) -> (dossier :DossierDetail);
  # Dossiers in id order after `afterId`, filtered; at most `limit` (<= 1000) per page.
  # `nextAfter` is where the next page starts (more dossiers may have been passed over by the filter).
  list @1 (filter :ListFilter, afterId :UInt64, limit :UInt32)
       -> (rows :List(DossierSummary), more :Bool, nextAfter :UInt64);
  # Applies a command. `requestId`, when given, makes a retried call harmless: the same id again
  # answers as the first time without doing anything.
  command @2 (id :UInt64, command :Command, requestId :Text, actor :Text)
          -> (dossier :DossierSummary, duplicate :Bool);
  # The open call task due first (0 when none).
  callNext @3 () -> (dossier :DossierSummary, due :Int32, found :Bool);
  # Dossiers and open amounts per stage.
  stats @4 () -> (stages :List(StageCount));
  # Opens dossiers from rows, one import session per call.
  import @5 () -> (sink :ImportSink);
  # Credits waiting for an operator, in arrival order after `afterId`; at most `limit` (<= 1000).
  # `ignored`: instead, the ones operators set aside.
  unmatchedList @6 (afterId :UInt64, limit :UInt32, ignored :Bool)
                -> (rows :List(UnmatchedPayment), more :Bool);
  # Applies a queued credit to a dossier (as the debtor's payment), exactly once.
  unmatchedAssign @7 (id :UInt64, dossier :UInt64, actor :Text) -> (dossier :DossierSummary);
  # Sets a queued credit aside (a refund made outside pinc, a payment for someone else, ...).
  unmatchedIgnore @8 (id :UInt64, reason :Text, actor :Text) -> ();
  # Letters waiting to go out (due first), or with `failed` the ones given up after repeated
  # failure; at most `limit` (<= 1000).
  outboxList @9 (failed :Bool, limit :UInt32) -> (deliveries :List(Delivery), more :Bool);
  # Puts a failed (or waiting) letter back in line to go out now, with a fresh count of attempts.
  outboxRetry @10 (name :Text, actor :Text) -> (delivery :Delivery);
  # What a step of the dossier's strategy would send today (empty step: the next one).
  letterPreview @11 (id :UInt64, step :Text)
                -> (pdf :Data, subject :Text, text :Text, kind :Text);
}

interface Admin extends(Operator) {
  creditorAdd @0 (creditor :Creditor) -> ();
  creditorList @1 () -> (creditors :List(Creditor));
  creditorShow @2 (id :Text) -> (creditor :Creditor);
  # The engine's day; `simulated` when pincd runs on the simulated clock.
  clockShow @3 () -> (today :Int32, simulated :Bool);
  # Moves the simulated clock forward day by day; returns once every timer due up to the new day
  # has been processed and persisted.
  clockAdvance @4 (days :UInt32) -> (today :Int32);
  clockSet @5 (day :Int32) -> (today :Int32);
}

# What a delivery of bank transactions came to.
struct FeedSummary {
  statements @0 :UInt64;
  entries @1 :UInt64;           # as the bank lists them (camt Ntry, MT940 :61:)
  transactions @2 :UInt64;      # entries with batches split per transaction
  matched @3 :UInt64;           # applied to a dossier
  unmatched @4 :UInt64;         # queued for an operator
  duplicates @5 :UInt64;        # delivered before: nothing changed
  ignored @6 :UInt64;           # debits that are not reversals, pending entries
  reversed @7 :UInt64;          # returns that undid an earlier payment
  rejected @8 :UInt64;          # refused transactions (a whole bad file is an error instead)
  warnings @9 :List(Text);
  unreconciled @10 :List(Text); # statements whose balances do not add up: for an operator
}

# A bank file on its way in. Chunks arrive in order; `finish` checks the whole file, refuses it
# whole if it is malformed (nothing of it applied), else applies it and answers once every payment
# is durable.
interface FileUpload {
  write @0 (bytes :Data) -> ();
  finish @1 () -> (summary :FeedSummary);
}

# One transaction's fate in a stream.
struct StreamResult {
  outcome @0 :Text;             # matched, unmatched, duplicate, ignored, reversed, rejected
  dossier @1 :UInt64;           # matched/reversed: the dossier; unmatched: the queue id
  error @2 :Text;
}

# A bank connector's open channel: batches of transactions, each answered once durable.
interface TransactionStream {
  push @0 (transactions :List(BankTransaction)) -> (results :List(StreamResult));
}

# Bank feeds push payments: whole files, or a stream a connector keeps open.
interface Feed {
  ping @0 () -> ();
  # `name` is the file's name, for errors and the unmatched queue.
  upload @1 (name :Text) -> (upload :FileUpload);
  stream @2 () -> (stream :TransactionStream);
}
