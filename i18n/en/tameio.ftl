# tameio — English. Keep the same ids in el/ and it/ (a test checks).

app-name = tameio
data-dir-is = Data folder: { $dir }
demo-terminal-banner = demo terminal — no real money

## Errors shown to cashiers and managers
err-unknown-code = No product with barcode or PLU “{ $code }”.
err-bad-barcode = “{ $code }” is not a valid barcode.
err-bad-amount = “{ $input }” is not an amount. Type it like 12,40.
err-amount-too-precise = “{ $input }” has more than two decimals.
err-amount-too-large = “{ $input }” is too large for one sale.
err-bad-quantity = “{ $input }” is not a quantity. Type a whole number of pieces or a weight like 0,250.
err-quantity-not-positive = The quantity must be more than zero.
err-fractional-pieces = This product is sold by the piece; type a whole number.
err-quantity-too-large = That quantity is too large.
err-not-enough-cash = { $given } is less than the { $due } due.
err-nothing-due = Nothing is left to pay on this sale.
err-card-overpays = A card can pay at most the { $due } still due.
err-amount-not-positive = The amount must be more than zero.
err-empty-cart = The sale has no items yet.
err-no-line = There is no such line in the sale.
err-discount-too-large = The discount is larger than the amount it applies to.
err-discount-not-positive = The discount must be more than zero.
err-wrong-pin = Wrong PIN ({ $failed } wrong in a row).
err-pin-wait = Too many wrong PINs. Wait { $seconds ->
    [one] 1 second.
   *[other] { $seconds } seconds.
}
err-pin-locked = { $name } is locked after too many wrong PINs. A manager unlocks them in Settings → Users.
err-pin-prompt-locked = The manager PIN is locked after too many wrong tries. It opens again when a manager signs in with their own name and PIN.
err-demo-pins = Change the demo PINs first: { $names } still sign in with the PIN printed in the README. Give them new PINs in Settings → Users (or `tameio user pin`), then add the terminal.
cli-user-unlocked = { $name } may try PINs again.
cli-user-not-locked = { $name } was not locked; the wrong-PIN count is cleared.
cli-user-pin-changed = { $name } has a new PIN.
cli-manager-prompt = the manager PIN
err-needs-manager = Only a manager can do this.
err-no-user = Unknown user “{ $name }”.
err-no-receipt = There is no receipt number { $number }.
err-no-order = There is no open sale number { $order }.
err-conflict = This cannot be done now: { $detail }
err-db-too-new = This database was written by a newer tameio (schema { $found }; this version knows { $known }). Nothing was changed. Install the newer version.
err-storage = The register could not save or read its data. Nothing was lost; details are in the log. ({ $detail })
err-settings-ignored = Setting “{ $field }” was invalid and its default is used.
err-no-terminal = There is no terminal called “{ $name }”.
err-terminal-busy = The terminal is busy with another payment. Wait until it finishes.
err-terminal-busy-elsewhere = Terminal { $name } is busy in another tameio program (pid { $pid }). Wait until it finishes there.
err-no-default-terminal = No terminal is chosen for card payments. A manager chooses one in Settings → Terminals.
pay-not-recorded = The terminal answered, but the register could not record it yet ({ $detail }). Nothing is lost: `tameio recover` asks the terminal again.
err-terminal-unreachable = The terminal cannot be reached. Check that it is on and connected. Nothing was charged.
err-terminal-open-attempt = A payment on this terminal has an unknown outcome. Resolve it before a new payment.
err-not-supported = This terminal cannot do that: { $operation }.
err-terminal = The terminal reported a problem: { $detail }
err-bad-input = { $detail }
err-no-printer = No receipt printer is set up. The receipt is saved; set a printer in the settings.

## Receipts
receipt-title = RECEIPT
receipt-refund-title = REFUND
receipt-copy = COPY
receipt-copy-number = Copy no. { $copy }
receipt-number = Receipt no. { $number }
receipt-refund-of = Refund of receipt no. { $number }
receipt-register = Register { $register }
receipt-cashier = Cashier: { $name }
receipt-vat-number = VAT no. { $number }
receipt-discount = Discount
receipt-order-discount = Sale discount
receipt-total = TOTAL
receipt-vat = VAT
receipt-net = Net
receipt-gross = Gross
receipt-rate = Rate
receipt-cash = Cash
receipt-card = Card
receipt-given = Given
receipt-change = Change
receipt-auth-code = Auth. code
receipt-terminal-id = TID
receipt-transaction-id = Transaction ID
receipt-lines = Items
receipt-reprints = Reprints

## Command line
cli-sale-done = Receipt { $number } issued: total { $total }, change { $change }.
cli-no-receipts = No receipts yet.
cli-db-ok = Database OK: integrity check passed, audit chain of { $entries } entries intact, { $receipts } receipts verified.
cli-db-integrity = SQLite integrity check failed: { $detail }
cli-db-chain-broken = Audit chain broken at entry { $entry }: { $reason }
cli-db-receipt-problem = { $detail }
cli-backup-done = Backup written to { $path }.
db-upgraded = The database was upgraded from version { $from } to { $to }; a copy of the old one is kept at { $path }.
cli-restore-checked = { $file } is a tameio database (schema { $schema }, last receipt: { $receipts }, audit entries: { $entries }) and passes the check.
cli-restore-ask = Replace the database at { $path } with it? The current one is copied to backups first. [y/N]
cli-restore-yes-words = y, yes
cli-restore-cancelled = Nothing was changed.
cli-restore-done = Database restored from { $file }. The previous one is kept at { $previous }.
err-restore-not-tameio = This file is not a tameio database: { $detail }
err-restore-check-failed = This file does not pass the database check, so it was not restored: { $detail }
err-restore-in-use = The database is open in another tameio (the register or a command). Close it, then restore again.
err-restore-not-confirmed = Nothing was changed: confirm with --yes when no one can answer the question.
cli-reprint-done = Receipt { $number } reprinted as copy { $copy }.
cli-refund-done = Refund receipt { $number } issued for { $total }.

## Printing
print-phone = Tel. { $phone }
print-terminal-receipt = Card terminal receipt
print-rrn = RRN
print-x-title = X REPORT
print-z-title = Z REPORT
print-z-number = Z no. { $number }
print-closed-at = Closed
print-printed-at = Printed
print-terminal = Terminal
print-receipt-range = Receipts
print-no-receipts = no receipts
print-sales = Sales
print-refunds = Refunds
print-payments = Payments
print-card-payments = Card payments
print-expected-cash = Expected cash
print-counted-cash = Counted cash
print-cash-difference = Difference
print-terminal-totals = Terminal totals
print-err-off = The printer { $printer } is off or refuses the connection. The receipt is saved: print it again once the printer is on.
print-err-unreachable = The printer { $printer } cannot be reached. Check its cable and network. The receipt is saved: print it again later.
print-err-paper-out = The printer { $printer } is out of paper. Load a new roll, then print the receipt again: it is saved.
print-err-timeout = The printer { $printer } did not answer in time. The receipt is saved: check the printer and print it again.
print-err-interrupted = The connection to the printer { $printer } dropped while printing. Check what came out and print the receipt again: it is saved.
print-err-device = The printer device { $path } cannot be used. Check that it is plugged in and that tameio may write to it.
print-err-bad-address = “{ $printer }” is not a printer address. Type host:port (port 9100 if left out) or a device path such as /dev/usb/lp0.
print-err-pdf = The PDF could not be made. Details are in the log.
print-err-sim = The printer simulator stopped: { $detail }
## Screens
signin-title = Who is at the till?
signin-pick-user = Choose your name, then type your PIN.
signin-pin = PIN
signin-button = Sign in
signin-try-again = You may try your PIN again.
role-cashier = Cashier
role-manager = Manager
status-register = Register { $id }
status-no-terminal = no card terminal connected
status-lock = Lock
status-theme-dark = Dark
status-theme-light = Light
cart-empty = Scan an item or pick one on the right.
cart-items = { $count ->
    [one] 1 line
   *[other] { $count } lines
}
cart-vat-line = VAT { $rate } %
cart-vat-amounts = net { $net } · VAT { $vat }
line-pieces = { $quantity } × { $price }
line-weighed = { $quantity } kg × { $price }/kg
line-discount-percent = Discount { $percent } %
price-per-kg = { $price }/kg
search-placeholder = Search: name, PLU or barcode ({ $key })
search-nothing = No product matches.
scan-prompt = Scan or type a barcode or PLU, then Enter.
scan-quantity-set = Quantity { $quantity } for the next item.
weigh-prompt = Weighed item: type its weight in kg, then Enter.
price-prompt = No fixed price: type the price, then Enter.
price-for = Price of { $name }
err-needs-price = This item has no fixed price: type its price.
err-price-not-positive = A price must be above zero.
weigh-for = Weight of { $name } in kg
discount-line = Discount on line { $line }
discount-order = Discount on the whole sale
discount-on-line = This line
discount-on-order = Whole sale
manager-pin-prompt = A manager's PIN is needed. Type it, then Enter.
void-done = Line removed: { $name }
card-no-terminal = No card terminal is connected yet. Take cash, or pay on the terminal by hand.
key-enter-add = Enter · add
key-enter-ok = Enter · OK
key-quantity = Quantity ×
action-cash = Cash
action-card = Card
action-split = Split
action-discount = Discount
action-void = Void line
action-search = Search
action-cancel = Cancel
action-manager = Manager
action-back = Back
action-new-sale = New sale
cash-title = Cash payment
cash-due = To pay
cash-given = Given
cash-exact = Exact
cash-type-given = Type the amount given, or pick a note.
cash-complete = Complete sale
sale-done = Receipt { $number } issued. Change { $change }.
manager-title = Manager: { $name }
manager-receipts = Receipts
manager-batch = Batch close
manager-settings = Settings
receipts-number = Receipt no.
receipts-date = Date (dd/mm/yyyy)
receipts-amount = Amount
receipts-last4 = Card last 4
receipts-search = Search
receipts-none = No receipt matches.
receipts-pick = Pick a receipt to see it.
receipts-reprint = Reprint (COPY)
receipts-reprinted = Receipt { $number } reprinted as copy { $copy }.
receipts-bad-date = Type the date like 23/11/2026.
batch-x-title = X report (since the last close)
batch-range = Receipts { $first } to { $last }
batch-empty = No receipts since the last close.
batch-sales = Sales
batch-refunds = Refunds
batch-card-count = Card ({ $count })
batch-expected-cash = Cash expected in the drawer
batch-counted = Cash counted
batch-close = Close batch (Z)
batch-confirm = Close the batch now? The totals above become a Z report and a new batch starts. This cannot be undone.
batch-close-confirm = Yes, close the batch
batch-closed = Batch { $number } closed.
batch-z-print = Print Z
batch-z-saved = Z { $number } saved as { $path }
batch-z-printed = Z { $number } printed and saved as { $path }
batch-z-not-printed = Z { $number } is stored and saved as { $path }, but did not print: { $reason }
batch-history = Closed batches
batch-closure = Z { $number } · { $date }
batch-diff-none = cash matches
batch-diff-short = cash short by { $amount }
batch-diff-over = cash over by { $amount }
settings-shop-name = Shop name
settings-vat-number = VAT number
settings-address = Address
settings-language = Language
settings-idle-lock = Lock after this many idle seconds (0 = never)
settings-max-quantity = Ask before ringing up more than this many pieces or kg (0 = never ask)
settings-save = Save settings
settings-saved = Settings saved.
category-dairy = Dairy
category-bakery = Bakery
category-produce = Fruit & veg
category-pantry = Pantry
category-drinks = Drinks
category-household = Household
category-books = Press & books
category-various = Various
price-open = price on entry
category-care = Care

## Card payment, split, deferred receipts, terminal status (GUI)
action-defer = Defer
action-deferred-list = Deferred receipts
manager-deferred = Deferred receipts
boot-recovering = Starting: checking payments left open with the terminal…
boot-unknown-attempts = { $count ->
    [one] 1 card payment with an unknown outcome
   *[other] { $count } card payments with an unknown outcome
} — manager: see the terminal indicator
defer-sending = Sending the sale to the terminal as a deferred receipt…
defer-sent = Sent to terminal { $terminal } as deferred receipt #{ $id }. The customer pays there; a new sale can start.
deferred-title = Deferred receipts
deferred-none = No deferred receipts.
deferred-waiting = waiting
deferred-paid = paid
deferred-expired = expired
deferred-cancelled = cancelled
deferred-refresh = Ask the terminal now
deferred-refreshing = Asking the terminal…
deferred-expire = Mark expired
deferred-cancel = Cancel it
deferred-confirm = Yes, do it
deferred-confirm-expire = Mark this deferred receipt expired? It will no longer be paid on the terminal. Press “Yes, do it”.
deferred-confirm-cancel = Cancel this deferred receipt? Its sale will not be paid. Press “Yes, do it”.
deferred-unmatched-title = Terminal results kept for a manager: none was booked or acknowledged to the terminal. Check each against the terminal's own journal.
deferred-unmatched-row = { $terminal } { $reference }: { $outcome } (seen { $times } times) — { $evidence }
deferred-not-reached = Terminal { $terminal } was not asked: { $reason }
deferred-outcome-approved = approved { $amount }
deferred-outcome-declined = declined
deferred-outcome-cancelled = cancelled
diag-title = Diagnostics
diag-terminal = Terminal: { $name } ({ $protocol })
diag-demo-protocol = ECR17, simulated in the register
diag-configured = configured terminal
diag-status = Last answer: TID { $tid }, status { $code } { $text }, software { $release }
diag-open-attempts = Open payment attempts
diag-attempt = { $when } · { $terminal } · { $amount } · { $state } · { $note }
diag-events = Events of the current payment
diag-none = None.
diag-host-up = The terminal's link to the bank is up
diag-acknowledged = The terminal acknowledged the request
exit-during-payment = A card payment is in progress. If you close now, it will be recovered at the next start.
exit-stay = Keep the register open
exit-anyway = Close anyway
pay-title = Card payment on terminal { $terminal }
pay-amount = Amount
pay-opening = Preparing the sale…
pay-connecting = Connecting to the terminal…
pay-sent = Sent to the terminal…
pay-insert-card = Insert, tap or swipe the card
pay-enter-pin = Enter PIN
pay-authorising = Authorising…
pay-host-down = The terminal has no link to the bank
pay-retrying = Repeating the message to the terminal…
pay-result = Result received…
pay-recovering = The answer was lost — asking the terminal…
pay-approved = Approved
pay-approved-booking-pending = Approved — booking pending
pay-booking-pending-help = The customer has paid. The register could not book it yet and tries again on its own; do not take another payment.
pay-book-now = Book now
pay-declined = Declined: { $reason }
pay-cancelled = Cancelled: { $reason }
pay-no-reason = no reason given
pay-reason-code = code { $code }
pay-failed = Not sent to the terminal — nothing was charged.
pay-unknown = Outcome unknown — the customer may already have been charged
pay-unknown-help = Look at the terminal’s screen or its slip before doing anything. Do not take the payment again. Enter asks the terminal again; a manager (F12) can decide by hand from the slip.
pay-details-hide = Hide details
pay-details-show = Details
pay-checking = Asking the terminal how the payment ended…
pay-evidence = Evidence: { $note }
pay-terminal-says = Terminal shows: { $text }
pay-timer = { $time }
pay-try-again = Try again
pay-other-tender = Another tender (cash)
pay-cancel-on-terminal = To stop, cancel on the terminal.
pay-cannot-leave = The payment is with the terminal; wait for its answer.
pay-wait = Ask the terminal again
pay-resolve = Resolve by hand (manager)
pay-resolve-by = Resolving as { $name }
pay-resolve-help = Check the terminal's slip or journal first. Your choice is written to the audit log.
diag-confirm-approved = Press F10 again to record the chosen payment as approved. Check the terminal's slip first.
diag-confirm-not-charged = Press F5 again to record the chosen payment as not charged. Check the terminal's slip first.
pay-resolve-approved = The terminal approved it
pay-resolve-not-charged = Not charged
pay-resolved-not-charged = resolved by hand: not charged
receipt-print = Print
receipt-printed = Sent to the printer.
receipt-save-pdf = Save PDF
receipt-pdf-saved = Saved as { $path }
split-title = Split payment
split-part = First part
split-help = Type the first part. F9: that part in cash, the rest by card. F10: that part by card, the rest in cash.
split-cash-first = Part in cash, rest by card
split-card-first = Part by card, rest in cash
split-part-range = The part must be more than zero and less than { $due }.
status-unknown = ? { $count ->
    [one] 1 unknown payment
   *[other] { $count } unknown payments
}
terminal-checking = { $name }: checking…
terminal-ready = { $name }: ready
terminal-not-ready = { $name }: not ready
terminal-busy = { $name }: busy
terminal-outcome-open = { $name }: a payment’s outcome is open
terminal-offline = { $name }: offline

# Batch close with the terminal
batch-confirm-terminal = Close the batch now? The terminal closes its batch and the totals above become a Z report; a new batch starts. This cannot be undone.
batch-confirm-register-only = Close only the register's batch? The terminal's batch stays open and must be closed on the terminal itself. This cannot be undone.
batch-close-register-only = Close the register only
batch-terminal-failed = The terminal's batch did not close, so nothing was closed: { $reason }
batch-terminal-title = Terminal { $name }
batch-terminal-asking = Asking the terminal for its totals…
batch-terminal-unreachable = cannot read the terminal's totals: { $reason }
batch-terminal-refused = the terminal refused ({ $code }): { $reason }
batch-terminal-total = Terminal's card total
batch-register-card = Register's card total (incl. tips)
batch-terminal-match = terminal and register agree
batch-terminal-more = terminal has { $amount } more than the register
batch-terminal-less = terminal has { $amount } less than the register
batch-history-terminal = Terminal { $name }
batch-history-host = Bank's total

# Diagnostics: the terminal's settings and attempt states
diag-config = Protocol { $protocol } · address { $addr } · TID { $tid }
diag-wire-title = Protocol log
diag-wire-help = What went to and from the terminal, newest at the bottom. Card numbers and passwords are masked.
diag-wire-empty = Nothing exchanged with the terminal yet.
diag-config-asking = Reading the terminal's settings…
diag-config-failed = cannot read the terminal's settings: { $reason }
attempt-state-prepared = prepared, nothing sent
attempt-state-sent = sent, waiting for the terminal
attempt-state-approved = approved
attempt-state-declined = declined
attempt-state-cancelled = cancelled
attempt-state-unknown = outcome unknown
attempt-state-failed = failed, nothing charged

## settings: users, vat, printer, terminals
settings-section-shop = Shop
settings-section-vat = VAT
settings-section-users = Users
settings-section-printer = Printer
settings-section-terminals = Terminals
settings-cancel = Cancel
settings-users-title = Users and PINs
settings-user-name = Name
settings-user-role = Role
settings-user-state = State
settings-user-active = active
settings-user-inactive = inactive: cannot sign in
settings-user-change-pin = Change PIN
settings-user-deactivate = Deactivate
settings-user-reactivate = Reactivate
settings-user-add-title = Add a user
settings-user-pin = PIN (4 to 8 digits)
settings-user-pin-again = The same PIN again
settings-user-add = Add user
settings-user-new-pin-title = New PIN for { $name }
settings-user-save-pin = Save PIN
settings-user-added = { $name } was added and can sign in with the new PIN.
settings-user-pin-changed = The PIN of { $name } was changed.
settings-user-deactivated = { $name } can no longer sign in.
settings-user-reactivated = { $name } can sign in again.
settings-user-locked = locked: too many wrong PINs
settings-user-unlock = Unlock
settings-user-unlocked = { $name } may try their PIN again.
settings-vat-title = VAT classes
settings-market = Market
settings-market-greece = Greece
settings-market-italy = Italy
settings-market-saved = Market saved: receipts now use its VAT classes.
settings-vat-letter = Class
settings-vat-rate = Rate
settings-vat-products = Products
settings-vat-other = { $count ->
    [one] 1 product has
   *[other] { $count } products have
} a VAT rate that is not in this table ({ $rates }). Move them to one of its classes.
settings-vat-move-title = Move all products of one class to another
settings-vat-from = From
settings-vat-to = To
settings-vat-move = Move products
settings-vat-pick = Choose the class to move from and the class to move to.
settings-vat-confirm = { $count ->
    [one] 1 product will move
   *[other] { $count } products will move
} from { $from } to { $to }. Receipts already issued keep their VAT. Move them now?
settings-vat-confirm-yes = Yes, move them
settings-vat-moved = { $count ->
    [one] 1 product moved
   *[other] { $count } products moved
} from { $from } to { $to }.
settings-printer-title = Receipt printer
settings-printer-address = Printer: host:port (port 9100 if left out) or a device such as /dev/usb/lp0; empty = no printer
settings-printer-paper = Paper
settings-printer-save = Save printer
settings-printer-test = Test print
settings-printer-test-sent = The test page was printed on { $printer }.
print-test-title = TEST PRINT
print-test-body = The printer works. Paper { $paper }.
settings-terminals-title = Card terminals
settings-terminal-name = Name
settings-terminal-protocol = Protocol
settings-terminal-addr = Address
settings-terminal-tid = TID
settings-terminal-default = Card payments go here
settings-terminal-demo = built-in demo terminal
settings-terminal-make-default = Make default
settings-terminal-test = Test connection
settings-terminal-pair = Pair
settings-terminal-testing = Asking { $name }…
settings-terminal-status = { $name }: terminal { $tid }, { $status }, software { $release }
settings-terminal-ready = ready
settings-terminal-not-ready = not ready
settings-terminal-add-title = Add a terminal
settings-terminal-addr-hint = Address HOST:PORT
settings-terminal-tid-hint = Terminal id (TID)
settings-terminal-environment = Server
settings-terminal-base-url = Other server's address (leave empty for the one chosen above)
settings-terminal-username = User
settings-terminal-password = Password
settings-terminal-use-default = Use it for card payments
settings-terminal-add = Add terminal
settings-terminal-added = Terminal { $name } was added.
settings-terminal-pair-code = Pairing code: the 8 digits on the screen of { $name }
settings-terminal-paired = { $name } is paired with terminal { $tid }.
settings-terminal-default-saved = Card payments now go to { $name }.
settings-terminal-not-paired = not paired yet
err-user-name-empty = A user needs a name.
err-user-name-taken = There is already a user called { $name }.
err-pin-digits = A PIN is made of digits only.
err-pin-length = A PIN has 4 to 8 digits.
err-pins-differ = The two PINs are not the same. Type the new PIN twice.
err-last-manager = { $name } is the last manager and stays active: add another manager first.
err-vat-same = Choose two different VAT classes.
err-vat-not-legal = { $rate } % is not a VAT rate of this market.
err-pairing-code-format = The pairing code is the 8 digits the terminal shows.
err-pairing-code-refused = The terminal did not accept the code: it is wrong, already used or older than 15 minutes. Ask the terminal for a new code and type it again.
err-terminal-name = A terminal needs a name, other than “demo”.
err-terminal-name-taken = There is already a terminal called { $name }.
err-terminal-addr = Type the terminal's address as HOST:PORT, for example 192.168.1.50:8081.

## refunds and support bundle
refund-err-not-a-sale = Receipt { $number } is a refund itself.
refund-err-already = Receipt { $number } was already refunded.
refund-err-pending = A refund of receipt { $number } is still being checked with the terminal. Resolve it from Diagnostics first.
refund-err-changed = Some of these items of receipt { $number } were given back meanwhile (at another till). Nothing was sent to the terminal: pick them again.
refund-err-cannot = Terminal { $terminal } cannot refund this payment. Refund it on the terminal itself, or in cash.
refund-err-not-last = Terminal { $terminal } can only void its last transaction. Refund it on the terminal itself, or in cash.
refund-err-batch-closed = Terminal { $terminal } has closed its batch since this payment, so it can no longer be voided. Refund it instead.
refund-err-no-card = This card payment was not taken by a terminal of this register. Refund it on the terminal itself, or in cash.
refund-button = Refund
refund-void-button = Void on terminal
refund-cash-button = Refund in cash
refund-ask-card = Refund { $amount } to card •••• { $last4 } on terminal { $terminal }?
refund-ask-void = Void { $amount } on card •••• { $last4 } on terminal { $terminal }?
refund-ask-cash = Refund { $amount } in cash?
refund-ask-and-cash = Also give back { $amount } in cash.
refund-yes = Yes, go ahead
refund-no = No
refund-working = Refunding with the terminal…
refund-done = Refunded: refund receipt { $number } issued for { $amount }.
refund-declined = The terminal declined the refund: { $reason }. Nothing has changed.
refund-failed = Nothing reached the terminal: { $reason }. Nothing has changed.
refund-unknown = Checking with the terminal… The refund's outcome is not known yet, so the receipt is not marked refunded. It will be resolved from Diagnostics or at the next start.
refund-refunded = refunded
support-export = Export support bundle
support-written = Support bundle saved: { $path }
support-failed = The support bundle could not be written: { $reason }
cli-support-written = Support bundle written to { $path }

## terminals: remove
err-terminal-unknown = There is no terminal named { $name }.
err-terminal-open-payments = Terminal { $name } has a payment whose outcome is not known yet: resolve it first (Diagnostics).
err-terminal-waiting-preloads = Terminal { $name } holds preloaded receipts that are still waiting: close them first (Deferred receipts).
settings-terminal-remove = Remove
settings-terminal-remove-confirm = Remove terminal { $name }? Its settings and saved password are deleted; receipts already paid on it are kept.
settings-terminal-remove-yes = Yes, remove
settings-terminal-removed = Terminal { $name } removed.
cli-terminal-removed = Terminal { $name } removed.

## Tips, the demo terminal on paper, journalled batch closes
receipt-demo-terminal = DEMO TERMINAL — NOT A REAL CARD PAYMENT
receipt-resolved-by-hand = Outcome decided by hand by { $name }
receipt-tip = Tip
receipt-card-charged = Card total incl. tip
print-tips = Tips
print-card-charged = Card total incl. tips
print-card-check-register = Register card total (incl. tips)
print-card-check-terminal = Terminal batch total
print-card-check-match = Card totals agree
print-card-check-difference = Terminal minus register
err-batch-close-unanswered = Terminal { $terminal } was asked to close its batch, but its answer was lost: it may have closed. It will not be asked again. Check the terminal's last batch-close slip, then record whether it closed (tameio batch resolve).
err-batch-close-unfinished = A batch close with terminal { $terminal } is not finished: the terminal's answer was lost. Record whether the terminal closed (tameio batch resolve) before closing again.
cli-batch-closes-none = No batch close is waiting.
cli-batch-close-waiting = Batch close { $request } with terminal { $terminal }, asked { $when } by { $name }: the terminal's answer was lost ({ $note }).
cli-batch-close-resolved = Batch close { $request } recorded as not closed on the terminal; nothing was issued.
err-frame-not-hex = The capture is not hexadecimal ({ $detail }). Give its bytes as hex, for example 02 33 37 03.
err-frame-empty = There is nothing to decode: give the captured bytes as hex.
err-frame-protocol = No frame decoder for “{ $protocol }”: use ecr17, aade1155, webecr or nexo.
err-frame-too-long = The capture is longer than { $limit } characters.
err-cli-usage = The command is not right (the detail is below; see also tameio --help).

## First run
first-run-title = Welcome to tameio: let's set up this register
first-run-language = 1 · Language
first-run-shop = 2 · The shop
first-run-finish = 3 · Terminal
first-run-vat-number = VAT number (Greek ΑΦΜ or Italian Partita IVA)
first-run-register-id = Register id
first-run-next = Next
first-run-back = Back
first-run-stay-demo = Stay in demo
first-run-vat-bad = This VAT number is not valid: check its digits (ΑΦΜ: 9 digits, Partita IVA: 11 digits).
first-run-name-missing = Enter the shop's name.
first-run-register-missing = Enter an id for this register.
first-run-vat-missing = Missing: the VAT number (ΑΦΜ / Partita IVA). Receipts carry none until it is added in Settings · Shop.
first-run-vat-needed = A real terminal needs the shop's VAT number (ΑΦΜ / Partita IVA): go back (Esc) and enter it.
first-run-demo-note = Card payments go to the demo terminal: no real money moves.
first-run-terminal-later = Or add your own terminal now: the demo PINs are replaced first, then the terminal is added, tested or paired in Settings · Terminals.
first-run-add-terminal = Add my terminal
first-run-pins = 4 · PINs of your own
first-run-pins-why = A real terminal is added only once the demo PINs (Maria 1111, Nikos 9999) are replaced.
first-run-manager-pin = New PIN for the manager (Nikos)
first-run-cashier-pin = New PIN for the cashier (Maria)
first-run-pin-again = The same PIN again
first-run-manager-pins-differ = The manager's two PINs differ: type the second again.
first-run-cashier-pins-differ = The cashier's two PINs differ: type the second again.
first-run-pins-save = Save PINs and go on
settings-first-run = Run the first-run setup again

## Certification run (terminal certify)
certify-title = Terminal certification report
certify-step-status = Terminal status
certify-step-sale = Approved sale
certify-step-void-last = Void of the last sale
certify-step-decline = Declined sale
certify-step-lost-link = Connection lost during a payment
certify-step-recover = Recovery after the connection returns
certify-step-totals = Terminal totals
certify-step-batch-close = Batch close
certify-do-status = Switch the terminal on and leave it on its main screen.
certify-do-sale = The register asks for { $amount }. Pay with a test card the bank approves.
certify-do-void-last = The register voids the approved sale. Confirm on the terminal if it asks.
certify-do-decline = The register asks for { $amount }. Use a test card the bank declines.
certify-do-lost-link = The register asks for { $amount }. When the terminal asks for the card, pull its network cable (or switch off its Wi-Fi) and finish the payment on the terminal if it can.
certify-do-recover = Plug the cable back in and wait for the terminal's main screen. The register then asks the terminal what became of the payment.
certify-do-totals = The register reads the terminal's totals.
certify-do-batch-close = The register closes the terminal's batch: its card payments go to the bank.
certify-sim-note = A tameio simulator needs nothing: the cents choose what it does (,61 declines, ,64 loses the answer).
certify-passed = passed
certify-failed = FAILED
certify-skipped = skipped
certify-not-offered = not offered by this protocol
certify-not-offered-detail = This protocol has no such operation.
certify-skipped-by = Left out by { $name }.
certify-status-detail = Terminal { $tid }: { $status }.
certify-status-software = Software { $release }.
certify-outcome-approved = { $amount } approved, authorisation { $code }, { $reference }.
certify-outcome-declined = { $amount } declined: { $reason }.
certify-outcome-cancelled = { $amount } cancelled: { $reason }.
certify-outcome-open = { $amount }: outcome not known yet; the payment is kept open and was not sent again.
certify-outcome-failed = { $amount } did not reach the terminal: { $reason }.
certify-decline-was-approved = The bank approved it: use a card it declines, and void this payment.
certify-void-no-sale = No approved sale to void: run the approved sale first.
certify-recover-nothing = No payment lost its connection: run the step before first.
certify-recover-already = Already settled during the payment: { $outcome }
certify-recover-open = Still open: a manager decides it (tameio attempt resolve { $id }).
certify-recover-none = This protocol cannot ask the terminal about a lost payment: a manager looks at the terminal's slip and decides (tameio attempt resolve { $id }).
certify-lost-kept = The register kept it open instead of guessing.
certify-lost-not-lost = The connection was not lost: pull the cable while the terminal waits for the card, and run the step again.
certify-lost-recovered = The register asked the terminal and settled it without sending the payment again.
certify-totals-detail = The terminal reports a total of { $total }.
certify-close-detail = The batch is closed, total { $total }.
certify-terminal = Terminal
certify-address = Address
certify-terminal-id = Terminal id
certify-register = Register
certify-technician = Run by
certify-started = Started
certify-software = Software
certify-summary = Result
certify-summary-value = { $passed } of { $steps } steps passed, { $failed } failed
certify-step = Step
certify-result = Result
certify-at = Time
certify-attempt = Payment attempt
certify-log = Protocol log (card numbers masked):
certify-saved = Report saved: { $path }
certify-press = Enter: run this step · s: skip it · q: stop
certify-stopped = Stopped before the end; the report holds the steps run so far.
certify-running = Running: { $step }…
certify-run-step = Run this step
certify-skip-step = Leave it out
certify-stop = End the run
certify-close = Close
settings-terminal-certify = Certify

## frame decode: WebECR captures (JSON)
err-frame-not-json = The WebECR capture is not JSON ({ $detail }). Give the body of the answer, or a file that holds it.
err-frame-file = The capture file cannot be read ({ $detail }).

## AADE 1155 key set-up (tameio terminal keys, Settings · Terminals)
cli-terminal-keys-master = { $name }: master key kept in the secrets file.
cli-terminal-keys-echo = { $name }: the terminal answered the init echo ({ $text }, terminal { $tid }).
cli-terminal-keys-session = { $name }: new session key loaded (check value { $kcv }).
settings-terminal-keys = Keys
settings-terminal-keys-master = Master key (32 hex digits; empty: the one kept)
settings-terminal-keys-run = Echo and load a session key
settings-terminal-keys-running = Setting up the keys of { $name }…
settings-terminal-keys-done = { $name }: the terminal answered the init echo and took a new session key (check value { $kcv }).

## Manager side of a day (issue 13): receipts list, copies, refund pane, keys
receipts-by-hand = resolved by hand
receipts-print-copy = Print a copy
receipts-pdf-copy = Save a copy as PDF
refund-card-button = Refund to card
refund-why-cannot = Terminal { $terminal } cannot refund this payment.
refund-why-not-last = Terminal { $terminal } can only void its last transaction.
refund-why-no-card = This card payment was not taken by a terminal of this register.
refund-advice = Refund it on the terminal itself, or in cash.
# What a terminal cannot do, in err-not-supported (op- and the driver's words joined by -)
op-preloaded-receipts = preloaded receipts
op-preloaded-receipts-in-protocol-version-01 = preloaded receipts (protocol version 01)
op-totals = batch totals
op-batch-close = closing the batch
op-receipt-reprint = a copy of the last card slip
op-collecting-results = collecting results
op-refund = refunds
pay-failed-busy = The terminal is busy and did not take the payment — nothing was charged. Try again when it is free.
pay-failed-refused = The terminal did not take the request — nothing was charged.
diag-attempt-line = { $when } · { $kind } { $amount } on { $terminal } · { $state } · { $of }
diag-attempt-order = order { $order }, no receipt yet
diag-attempt-receipt = order { $order }, receipt { $receipt }
diag-attempt-no-order = no order (a test or a command-line payment)
diag-evidence = Evidence from the terminal (technical): { $note }
diag-operational = ready for payments
diag-kind-payment = payment
diag-kind-refund = refund
diag-kind-void = void
print-batch-terminal-id = Terminal id
print-batch-result = Result
print-batch-closed = closed
print-batch-refused = refused: { $reason }
print-batch-terminal-total = Terminal total
print-batch-host-total = Bank (host) total
print-batch-slip = Terminal's close slip
refund-err-too-much = That is more of { $line } than is left to refund on this receipt.
refund-err-nothing = Pick at least one line and how much of it to refund.
refund-err-void-whole = A void takes back the whole card payment: refund the lines instead.
refund-err-quantity = The quantity typed for { $line } is not a number of pieces or kilograms.
refund-pick-button = Return items…
refund-pick-back = Whole receipt
refund-pick-title = Items to give back
refund-pick-help = ↑ ↓ choose an item, type how many (* = all that is left of it), then F10 to the card or F9 in cash.
refund-pick-left = left to give back: { $quantity }
refund-pick-total = To give back: { $amount }
refund-ask-lines = Give back { $lines }.
refund-part-refunded = partly refunded
refund-pick-help-cash = ↑ ↓ choose an item, type how many (* = all that is left of it), then F9 to give it back in cash.
deferred-no-preload = Terminal { $terminal } cannot take preloaded receipts, so the till does not offer F8 for it.

## myDATA link of card payments (fiscal mode, keys, ECR-token key exchange)
cli-fiscal-mode = myDATA link of card payments: { $mode }
cli-fiscal-key-set = { $name }: set
cli-fiscal-key-unset = { $name }: not set
cli-fiscal-bound = Session key exchanged with { $terminal } (KCV { $kcv }).
settings-fiscal-mode = Card payments to myDATA
settings-fiscal-none = Not linked
settings-fiscal-provider = E-invoicing provider
settings-fiscal-device = Fiscal device

## Checkout side of a day (issue 13): parked sales, quantity checks, keys on every button
quantity-confirm = Quantity { $quantity } is more than { $max }. { $enter }: yes, it is right · { $esc }: no
quantity-confirm-short = Quantity { $quantity }?
weigh-not-count = A weighed item: { $quantity } is not its weight. Type the weight in kg, then Enter.
void-last-confirm = Void { $name }? The sale will be empty. { $enter }: void · { $esc }: keep it
void-last-short = Void the last line?
park-done = Sale parked as no. { $number }. With an empty sale, { $key } recalls it.
park-none = No parked sales to recall.
park-pick = Choose a parked sale: { $up } { $down }, then { $enter }. { $esc }: back.
park-recalled = The parked sale is back.
park-gone = That parked sale was recalled already (at another till?).
park-list-title = Parked sales
park-row = No. { $number } · { $owner } · { $at } · { $count ->
    [one] 1 line
   *[other] { $count } lines
}
park-by-lock = Parked when the register locked
park-resumed = Your sale from before the lock is back.
park-handed-back = Card payment not charged (a manager's decision): the sale waits to be paid
pay-sale-returned = The sale was not charged: it is back with { $name } as a parked sale (their next sign-in brings it back; a manager recalls it with F3).
action-park = Park sale
action-recall = Parked sales
signin-pick-user-keys = Choose your name ({ $up } { $down }), then type your PIN and { $enter }.
signin-button-key = { $key } · Sign in

## nexo Retailer (PAX / Swedbank Pay), issue 14
err-frame-not-nexo = The nexo capture is not a nexo XML message ({ $detail }). Give the XML body (SaleToPOIRequest or SaleToPOIResponse), or a file that holds it.

## nexo in the GUI (issue 14): adding a nexo terminal, cancelling a payment from the register
settings-nexo-addr-hint = Terminal address HOST:PORT (port 11000 if none is given)
settings-nexo-poiid = POIID
settings-nexo-mode = Integration
settings-nexo-light = Light
settings-nexo-full = Full (the terminal talks to the register)
settings-nexo-listen = Register's listener IP:PORT (empty: 0.0.0.0:11000)
settings-nexo-confirm-signature = Accept the customer's signature without asking
settings-nexo-currency = Currency (empty: EUR)
settings-nexo-sale-id = Sale ID (empty: this register's id)
settings-nexo-bad-addr = The terminal's address must be HOST or HOST:PORT, for example 192.168.1.20:11000.
settings-nexo-bad-poiid = Enter the POIID: the id this terminal is known by at the payment provider (1 to 32 characters, no spaces).
settings-nexo-bad-listen = The listener address must be IP:PORT, for example 0.0.0.0:11000.
settings-nexo-bad-currency = The currency must be three letters, for example EUR.
settings-nexo-bad-sale-id = The Sale ID may have up to 32 characters, no spaces.
pay-cancel = Cancel payment
pay-cancelling = Cancelling on the terminal…
pay-cancel-failed = The terminal did not take the cancel ({ $reason }). The payment goes on; try again or cancel on the terminal.

## The cardholder's signature (nexo)
signature-leave = Go on: a manager settles it
signature-check = Check the customer's signature
signature-copy = Merchant copy
signature-help-reverse = The card was approved and the terminal asks for a signature on the merchant copy. Compare it with the card. Enter: it matches, the sale goes on. F5: it does not; the payment is reversed on the terminal.
signature-help-terminal = The terminal waits: does the signature on the merchant copy match the card? Enter: yes. F5: no; the terminal refuses the payment.
signature-ok = Signature matches
signature-refuse = Does not match
signature-reversing = Reversing the payment on the terminal…
signature-reversed = Payment reversed: nothing charged. Receipt { $number } voids the sale.
signature-reversed-help = The sale is back on screen as it was: take payment another way, or void it. Any cash taken for it goes back to the customer.
signature-reversal-unknown = The give-back's outcome is not known yet: take no other payment for this sale. Enter asks the terminal again; a manager can decide it in Diagnostics (Ctrl+T).
signature-reversal-failed = The payment was not reversed ({ $reason }): it stands. Try again with F5, or go on with Enter and leave it to a manager (Receipts).
signature-too-late = The terminal no longer waited for the answer; it decides the payment itself.
signature-err-none = This payment asked for no signature.
signature-cli-refused = Signature refused: reversing the payment.
print-declined-slip = CARD DECLINED
pay-print-slip = Print the customer's slip
pay-slip = The terminal's slip
pay-slip-printed = The slip went to the printer.
pay-aborted-by-cashier = at your request, on the terminal. Nothing was charged.
deferred-pick-first = Choose a preloaded receipt that still waits (↑ ↓) first.
exit-during-signature = The customer's signature has not been checked yet. If you close now, the payment stands as approved; a manager can void it from Receipts.
signature-reversed-pending = Given back on the terminal: nothing charged on the card.
boot-unchecked-signatures = The customer's signature was not confirmed for receipt { $receipts }, and the payment was not reversed (tameio closed during the check, or the terminal could not reverse it). Compare the merchant copy with the card; if it does not match, a manager voids or refunds the receipt (Receipts).
signature-reversal-not-sent = the request did not reach the terminal

## Issue 21, years of sales: db check progress and --quick
cli-db-phase-integrity = SQLite integrity check
cli-db-phase-audit = Audit chain
cli-db-phase-receipts = Receipt seals
cli-db-phase-rows = Rows
cli-db-quick-ok = Quick check OK (last { $days } days): audit chain of { $entries } entries intact, { $receipts } receipts verified. Not checked: SQLite's integrity check, older receipts and audit entries, the row-by-row scan (run tameio db check for those).

## The accountant's period report (issue 21, item 3: `report period`, Manager · Reports)
period-title = PERIOD REPORT
period-from = From
period-to = Until
period-sales-total = Sales total
period-refunds-total = Refunds total
period-vat-sales = Sales per VAT rate
period-vat-refunds = Refunds per VAT rate
period-vat-net = Sales less refunds, per VAT rate
period-terminals = Card terminals
period-count = Count
period-amount = Amount
period-cashiers = Cashiers
period-cashier = Cashier
period-by-day = Per day
period-by-month = Per month
period-day = Day
period-month = Month
period-net = Total
period-z-reports = Z reports in the period
period-z = Z
period-no-z = none
period-chart-by-day = Sales per day, less refunds
period-chart-by-month = Sales per month, less refunds
period-chart-amount = Amount (€)
manager-reports = Reports
reports-from = From (day)
reports-to = To (day, included)
reports-by-day = By day
reports-by-month = By month
reports-show = Show
reports-pdf = Save PDF
reports-csv = Save CSV
reports-saved = Saved: { $path }
reports-bad-date = Type the dates like 01/12/2026 (a time may follow: 01/12/2026 14:30).
reports-empty = No receipts in this period.
reports-receipts = Receipts { $first } – { $last }: { $sales ->
    [one] 1 sale
   *[other] { $sales } sales
}, { $refunds ->
    [one] 1 refund
   *[other] { $refunds } refunds
}
reports-z-count = Z reports in the period: { $count }

## zday (issue 23 items 1, 2, 7, 8, 23): the day's close per terminal, the drawer, certification apart, sales chart
print-terminal-section = Terminal { $name }
print-terminal-demo = demo terminal — no real money
print-terminal-cards = { $count ->
    [one] 1 card payment
   *[other] { $count } card payments
}
print-terminal-by-hand = { $count ->
    [one] of which 1 decided by a manager *
   *[other] of which { $count } decided by a manager *
}
print-terminal-not-closed = Its batch is not closed with this Z.
print-close-on-terminal = No batch close in this terminal's protocol: close the batch on the terminal itself.
print-opening-float = Opening float
print-cash-net = Cash taken less cash refunds
print-cash-exact = Cash matches
print-cash-over = Cash over
print-cash-short = Cash short
chart-sales-per-hour = Sales per hour
chart-hour = Hour
batch-float = Opening float (cash in the drawer at the start of the day)
batch-terminal-part = { $name }: { $count ->
    [one] 1 card payment
   *[other] { $count } card payments
}
batch-close-on-terminal = Close the register's day (Z)
batch-no-close-in-protocol = This terminal's protocol has no batch close: close its batch on the terminal itself. The register closes its own side and the Z says so.
batch-confirm-on-terminal = Close the register's day now? The totals above become a Z report; close the terminal's batch on the terminal itself. This cannot be undone.
err-certify-sales-not-in-z = Terminal { $terminal } holds { $count ->
    [one] 1 card payment of the shop ({ $amount }) that is
   *[other] { $count } card payments of the shop ({ $amount }) that are
} not in a Z yet. A certification run closes the terminal's batch: close the day (Z) first, then run it.
certify-close-skipped = Batch close skipped: { $reason }

## checkout (issue 23 items 10–15, 17, 18, 20–22): the cashier's screens
pay-asked-again = Asked again at { $time } — still unknown.
pay-cannot-leave-unknown = The outcome is not known yet: ask the terminal again (Enter) or let a manager decide from the slip (F12) before leaving.
pay-cannot-leave-booking = The customer has paid: the payment is being written down; wait a moment or press Enter.
pay-cannot-lock = The register cannot lock while a payment is open: finish it first.
pay-not-charged-by = Not charged — decided by { $name }
pay-resolve-auth-code = Auth code from the slip: { $code }
pay-resolve-auth-code-help = Optional: type the code printed on the terminal's slip.
pay-resolve-confirm-approved = Press F10 again to record it as approved.
pay-resolve-confirm-not-charged = Press F5 again to record it as not charged.
pay-evidence-earlier = The terminal's last result belongs to an earlier payment, so this one of { $amount } probably never reached the card. Check the terminal's journal for a payment of { $amount } at { $time }: if there is none, it was not charged.
pay-evidence-other = The terminal reported a payment that does not match this one (another amount or terminal). Check its journal for a payment of { $amount } at { $time }: approved if it is there, not charged if not.
pay-evidence-silent = The terminal could not tell what happened to this payment of { $amount } at { $time }. Check its screen, its journal or the customer's slip.
pay-evidence-unclear = The terminal's answer does not say for sure whether { $amount } was charged at { $time }. Check its journal or the customer's slip: approved if it is there, not charged if not.
sale-done-no-change = Receipt { $number } issued.
card-kind-credit = credit
card-kind-debit = debit
card-kind-prepaid = prepaid
card-kind-other = other card
diag-no-attempts = No open payment attempts.
diag-no-events = No events yet.
signin-pick-first = Choose your name first (↑ ↓ or tap it), then type your PIN.
signin-checking = Checking the PIN…
split-cash-part = Cash part
split-given-help = Type what the customer gave for the cash part (Enter alone: exactly that part). The rest goes by card. Esc: change the part.
split-given-short = What was given is less than the cash part ({ $part }).
split-take-cash = Take the cash, rest by card

## Catalogue (issue 22, helper "catalog"): product files and commands, departments
catalog-err-row = Row { $row }, column “{ $column }”: { $reason }. Nothing was changed.
catalog-err-field = { $column }: { $reason }. Nothing was changed.
catalog-why-missing-column = the file has no “{ $value }” column
catalog-why-field-count = the row has more fields than the header
catalog-why-bad-plu = “{ $value }” is not a PLU (a whole number above 0)
catalog-why-duplicate-plu = PLU { $value } is there already
catalog-why-empty-name = the name is empty
catalog-why-bad-barcode = “{ $value }” is not a barcode (8, 12 or 13 digits)
catalog-why-check-digit = the check digit of barcode { $value } is wrong
catalog-why-duplicate-barcode = barcode { $value } already belongs to PLU { $plu }
catalog-why-bad-price = “{ $value }” is not a price (like 0,80)
catalog-why-price-decimals = price { $value } has more than two decimals
catalog-why-unknown-vat = “{ $value }” is not a VAT rate of this market
catalog-why-bad-unit = “{ $value }” is not a unit (piece, kg or l)
catalog-why-bad-active = “{ $value }” is not 1 or 0 (yes or no)
catalog-why-unquoted = a quote is opened and never closed
cli-product-added = Added PLU { $plu }: { $name }, { $price }.
cli-product-changed = PLU { $plu } changed.
cli-product-unchanged = PLU { $plu }: nothing to change.
cli-product-deactivated = PLU { $plu } is off sale (kept with its history).
cli-product-version = from { $from }: { $price }, VAT { $vat } % (by { $by })
cli-product-off-sale = off sale
cli-product-exported = { $count } products written to { $path }.
cli-product-not-utf8 = { $path } is not a UTF-8 text file (save it as “CSV UTF-8”).
cli-product-progress = Importing: { $done } / { $total } ({ $percent } %)
cli-product-import-dry = Dry run, nothing written. { $rows } rows: { $added } to add, { $changed } to change, { $deactivated } to deactivate, { $unchanged } unchanged, { $departments } new departments.
cli-product-imported = Imported { $rows } rows: { $added } added, { $changed } changed, { $deactivated } deactivated, { $unchanged } unchanged, { $departments } new departments.
cli-product-import-added = Added
cli-product-import-changed = Changed
cli-product-import-deactivated = Deactivated
cli-department-key = department key
cli-department-saved = Department { $code } saved.
period-departments = By department
period-department = Department

## screens (issue 23 items 2, 4, 21): one key one meaning, every screen at 1024×768, the CLI card sale
cli-sale-done-card = Receipt { $number } issued: total { $total }, paid by card.
signin-clear-key = { $key } clears the PIN
receipts-keys = { $up } { $down }: the previous or next receipt
## Products tab (F12 → Products), GUI import and export, by helper "products" (issue 22)
manager-products = Products
products-search-hint = Name, PLU or barcode
products-search = Search
products-none = No product matches.
products-inactive = off sale
products-history = Price history
products-plu = PLU
products-name = Name
products-price = Price
products-vat = VAT %
products-department = Department
products-unit = Unit
products-unit-piece = piece
products-unit-kg = kg
products-unit-l = l
products-barcode = Barcode (scan here)
products-barcodes = Barcodes
products-no-barcodes = none yet
products-scan-hint = Scan or type a barcode into its field and press Enter: it joins the list. Enter in any other field saves. Tab moves between fields, F2 goes to the barcode field.
products-new = New product
products-edit = Edit
products-reprice = Change price
products-deactivate = Take off sale
products-import = Import CSV…
products-export = Export CSV…
products-remove-demo = Remove demo products
products-save = Save
products-next-unit = Unit piece / kg / l
products-remove-code = Remove last barcode
products-yes = Yes
products-no = No
products-ask-deactivate = Take PLU { $plu } ({ $name }) off sale? It stays in the receipts and reports.
products-ask-remove-demo = Remove the demo catalogue? Only products never sold can go; your own products stay.
products-saved = Product { $plu } saved: it sells at once.
products-deactivated = Product { $plu } is off sale.
products-demo-removed = { $count } demo products removed.
products-demo-sold = The demo catalogue stays: demo product { $plu } was sold.
products-demo-no-own = The demo catalogue stays until you have products of your own on sale.
products-import-title = Import products from a CSV file
products-export-title = Export the catalogue to a folder
products-picker-keys = ↑ ↓ choose · Enter opens a folder or reads a file · ⌫ folder above
products-picker-open = Open
products-picker-up = Folder above
products-folder-empty = No folders or CSV files here.
products-folder-unreadable = This folder cannot be read.
products-export-here = Save here
products-exported = Catalogue saved as { $path }
products-import-apply = Import
products-import-back = Back, change nothing
products-import-rows = { $count } rows read. Nothing is written until you press Enter.
products-import-added = New
products-import-changed = Changed
products-import-deactivated = Taken off sale
products-import-unchanged = Unchanged: { $count }
products-import-more = … and { $count } more
products-import-departments = New departments: { $list }
products-imported = Imported: { $added } new, { $changed } changed, { $deactivated } taken off sale.
products-file-unreadable = The file cannot be read: { $reason }
products-file-not-utf8 = The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”.
products-file-unwritable = The file cannot be written: { $reason }
first-run-catalog = Products: the demo catalogue stays until you import your own (the demo ones can be removed later in F12 → Products).
first-run-import = Import my products (CSV)
# Litres (issue 22, by helper "products")
line-litres = { $quantity } l × { $price }/l
price-per-l = { $price }/l
products-reactivate = Back on sale
products-ask-reactivate = Put PLU { $plu } back on sale?

# lead: the products list key hint
products-choose = choose
