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
err-pin-wait = Too many wrong PINs. Wait { $seconds } seconds.
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
err-terminal-unreachable = The terminal cannot be reached. Check that it is on and connected. Nothing was charged.
err-terminal-open-attempt = A payment on this terminal has an unknown outcome. Resolve it before a new payment.
err-not-supported = This terminal cannot do that: { $operation }.
err-terminal = The terminal reported a problem: { $detail }
err-bad-input = { $detail }

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
cli-reprint-done = Receipt { $number } reprinted as copy { $copy }.
cli-refund-done = Refund receipt { $number } issued for { $total }.
