# tameio — Ελληνικά. Τα ίδια ids με το en/ (ελέγχεται από τεστ).

app-name = tameio
data-dir-is = Φάκελος δεδομένων: { $dir }
demo-terminal-banner = δοκιμαστικό τερματικό — χωρίς πραγματικά χρήματα

## Σφάλματα
err-unknown-code = Δεν υπάρχει είδος με barcode ή PLU «{ $code }».
err-bad-barcode = Το «{ $code }» δεν είναι έγκυρο barcode.
err-bad-amount = Το «{ $input }» δεν είναι ποσό. Πληκτρολογήστε π.χ. 12,40.
err-amount-too-precise = Το «{ $input }» έχει περισσότερα από δύο δεκαδικά.
err-amount-too-large = Το «{ $input }» είναι πολύ μεγάλο για μία πώληση.
err-bad-quantity = Το «{ $input }» δεν είναι ποσότητα. Πληκτρολογήστε ακέραια τεμάχια ή βάρος π.χ. 0,250.
err-quantity-not-positive = Η ποσότητα πρέπει να είναι μεγαλύτερη από μηδέν.
err-fractional-pieces = Το είδος πωλείται με το τεμάχιο· πληκτρολογήστε ακέραιο αριθμό.
err-quantity-too-large = Η ποσότητα είναι πολύ μεγάλη.
err-not-enough-cash = Το { $given } είναι λιγότερο από το πληρωτέο { $due }.
err-nothing-due = Δεν απομένει τίποτα να πληρωθεί σε αυτή την πώληση.
err-card-overpays = Η κάρτα μπορεί να πληρώσει το πολύ το υπόλοιπο { $due }.
err-amount-not-positive = Το ποσό πρέπει να είναι μεγαλύτερο από μηδέν.
err-empty-cart = Η πώληση δεν έχει ακόμη είδη.
err-no-line = Δεν υπάρχει τέτοια γραμμή στην πώληση.
err-discount-too-large = Η έκπτωση είναι μεγαλύτερη από το ποσό στο οποίο εφαρμόζεται.
err-discount-not-positive = Η έκπτωση πρέπει να είναι μεγαλύτερη από μηδέν.
err-wrong-pin = Λάθος PIN ({ $failed } λάθος στη σειρά).
err-pin-wait = Πάρα πολλά λάθος PIN. Περιμένετε { $seconds ->
    [one] 1 δευτερόλεπτο.
   *[other] { $seconds } δευτερόλεπτα.
}
err-pin-locked = Ο χρήστης { $name } κλειδώθηκε μετά από πολλά λάθος PIN. Τον ξεκλειδώνει ο υπεύθυνος από Ρυθμίσεις → Χρήστες.
err-pin-prompt-locked = Το PIN υπευθύνου κλειδώθηκε μετά από πολλές λάθος προσπάθειες. Ξανανοίγει όταν ένας υπεύθυνος συνδεθεί με το όνομα και το PIN του.
err-demo-pins = Αλλάξτε πρώτα τα δοκιμαστικά PIN: { $names } συνδέονται ακόμη με το PIN του README. Δώστε νέα PIN από Ρυθμίσεις → Χρήστες (ή `tameio user pin`) και μετά προσθέστε το τερματικό.
cli-user-unlocked = Ο χρήστης { $name } μπορεί ξανά να δοκιμάσει PIN.
cli-user-not-locked = Ο χρήστης { $name } δεν ήταν κλειδωμένος· τα λάθος PIN μηδενίστηκαν.
cli-user-pin-changed = Ο χρήστης { $name } έχει νέο PIN.
cli-manager-prompt = το PIN υπευθύνου
err-needs-manager = Μόνο ο υπεύθυνος μπορεί να το κάνει αυτό.
err-no-user = Άγνωστος χρήστης «{ $name }».
err-no-receipt = Δεν υπάρχει απόδειξη με αριθμό { $number }.
err-no-order = Δεν υπάρχει ανοιχτή πώληση με αριθμό { $order }.
err-conflict = Δεν μπορεί να γίνει τώρα: { $detail }
err-db-too-new = Η βάση δεδομένων γράφτηκε από νεότερο tameio (σχήμα { $found }· αυτή η έκδοση γνωρίζει έως { $known }). Δεν άλλαξε τίποτα. Εγκαταστήστε τη νεότερη έκδοση.
err-storage = Η ταμειακή δεν μπόρεσε να αποθηκεύσει ή να διαβάσει τα δεδομένα της. Δεν χάθηκε τίποτα· λεπτομέρειες στο αρχείο καταγραφής. ({ $detail })
err-settings-ignored = Η ρύθμιση «{ $field }» ήταν άκυρη και χρησιμοποιείται η προεπιλογή.
err-no-terminal = Δεν υπάρχει τερματικό με όνομα «{ $name }».
err-terminal-busy = Το τερματικό εξυπηρετεί άλλη πληρωμή. Περιμένετε να τελειώσει.
err-terminal-busy-elsewhere = Το τερματικό { $name } το χρησιμοποιεί άλλο πρόγραμμα tameio (pid { $pid }). Περιμένετε να τελειώσει εκεί.
err-no-default-terminal = Δεν έχει επιλεγεί τερματικό για πληρωμές με κάρτα. Ο υπεύθυνος επιλέγει ένα στις Ρυθμίσεις → Τερματικά.
pay-not-recorded = Το τερματικό απάντησε, αλλά το ταμείο δεν μπόρεσε ακόμη να το καταχωρίσει ({ $detail }). Δεν χάθηκε τίποτα: το `tameio recover` ρωτά ξανά το τερματικό.
err-terminal-unreachable = Το τερματικό δεν είναι συνδεδεμένο. Ελέγξτε ότι είναι αναμμένο και στο δίκτυο. Δεν έγινε χρέωση.
err-terminal-open-attempt = Μια πληρωμή σε αυτό το τερματικό έχει άγνωστο αποτέλεσμα. Επιλύστε την πριν από νέα πληρωμή.
err-not-supported = Αυτό το τερματικό δεν υποστηρίζει: { $operation }.
err-terminal = Το τερματικό ανέφερε πρόβλημα: { $detail }
err-bad-input = { $detail }
err-no-printer = Δεν έχει οριστεί εκτυπωτής αποδείξεων. Η απόδειξη αποθηκεύτηκε· ορίστε εκτυπωτή στις ρυθμίσεις.

## Αποδείξεις
receipt-title = ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ
receipt-refund-title = ΕΠΙΣΤΡΟΦΗ
receipt-copy = ΑΝΤΙΓΡΑΦΟ
receipt-copy-number = Αντίγραφο αρ. { $copy }
receipt-number = Απόδειξη αρ. { $number }
receipt-refund-of = Επιστροφή της απόδειξης αρ. { $number }
receipt-register = Ταμείο { $register }
receipt-cashier = Ταμίας: { $name }
receipt-vat-number = ΑΦΜ { $number }
receipt-discount = Έκπτωση
receipt-order-discount = Έκπτωση πώλησης
receipt-total = ΣΥΝΟΛΟ
receipt-vat = ΦΠΑ
receipt-net = Καθαρή αξία
receipt-gross = Σύνολο
receipt-rate = Συντελεστής
receipt-cash = Μετρητά
receipt-card = Κάρτα
receipt-given = Δόθηκαν
receipt-change = Ρέστα
receipt-auth-code = Κωδ. έγκρισης
receipt-terminal-id = TID
receipt-transaction-id = Αναγνωριστικό συναλλαγής
receipt-lines = Είδη
receipt-reprints = Επανεκτυπώσεις

## Γραμμή εντολών
cli-sale-done = Εκδόθηκε η απόδειξη { $number }: σύνολο { $total }, ρέστα { $change }.
cli-no-receipts = Δεν υπάρχουν ακόμη αποδείξεις.
cli-db-ok = Η βάση είναι εντάξει: ο έλεγχος ακεραιότητας πέρασε, η αλυσίδα ελέγχου { $entries } εγγραφών είναι άθικτη, { $receipts } αποδείξεις επαληθεύτηκαν.
cli-db-integrity = Ο έλεγχος ακεραιότητας της SQLite απέτυχε: { $detail }
cli-db-chain-broken = Η αλυσίδα ελέγχου σπάει στην εγγραφή { $entry }: { $reason }
cli-db-receipt-problem = { $detail }
cli-backup-done = Το αντίγραφο ασφαλείας γράφτηκε στο { $path }.
db-upgraded = Η βάση δεδομένων αναβαθμίστηκε από την έκδοση { $from } στην { $to }· αντίγραφο της παλιάς φυλάσσεται στο { $path }.
cli-restore-checked = Το { $file } είναι βάση δεδομένων του tameio (σχήμα { $schema }, τελευταία απόδειξη: { $receipts }, εγγραφές ελέγχου: { $entries }) και περνά τον έλεγχο.
cli-restore-ask = Να αντικαταστήσει τη βάση στο { $path }; Η τρέχουσα αντιγράφεται πρώτα στα αντίγραφα ασφαλείας. [ν/Ο]
cli-restore-yes-words = ν, ναι, y, yes
cli-restore-cancelled = Δεν άλλαξε τίποτα.
cli-restore-done = Η βάση δεδομένων επαναφέρθηκε από το { $file }. Η προηγούμενη φυλάσσεται στο { $previous }.
err-restore-not-tameio = Αυτό το αρχείο δεν είναι βάση δεδομένων του tameio: { $detail }
err-restore-check-failed = Αυτό το αρχείο δεν περνά τον έλεγχο της βάσης, γι' αυτό δεν επαναφέρθηκε: { $detail }
err-restore-in-use = Η βάση δεδομένων είναι ανοιχτή σε άλλο tameio (το ταμείο ή μια εντολή). Κλείστε το και δοκιμάστε ξανά.
err-restore-not-confirmed = Δεν άλλαξε τίποτα: επιβεβαιώστε με --yes όταν κανείς δεν μπορεί να απαντήσει στην ερώτηση.
cli-reprint-done = Η απόδειξη { $number } επανεκτυπώθηκε ως αντίγραφο { $copy }.
cli-refund-done = Εκδόθηκε απόδειξη επιστροφής { $number } για { $total }.

## Εκτύπωση
print-phone = Τηλ. { $phone }
print-terminal-receipt = Απόδειξη τερματικού
print-rrn = RRN
print-x-title = ΑΝΑΦΟΡΑ Χ
print-z-title = ΑΝΑΦΟΡΑ Ζ (ΗΜΕΡΗΣΙΑ)
print-z-number = Ζ αρ. { $number }
print-closed-at = Κλείσιμο
print-printed-at = Εκτύπωση
print-terminal = Τερματικό
print-receipt-range = Αποδείξεις
print-no-receipts = καμία απόδειξη
print-sales = Πωλήσεις
print-refunds = Επιστροφές
print-payments = Πληρωμές
print-card-payments = Πληρωμές με κάρτα
print-expected-cash = Αναμενόμενα μετρητά
print-counted-cash = Μετρημένα μετρητά
print-cash-difference = Διαφορά
print-terminal-totals = Σύνολα τερματικού
print-err-off = Ο εκτυπωτής { $printer } είναι κλειστός ή αρνείται τη σύνδεση. Η απόδειξη έχει αποθηκευτεί: τυπώστε την ξανά όταν ανοίξει ο εκτυπωτής.
print-err-unreachable = Ο εκτυπωτής { $printer } δεν είναι προσβάσιμος. Ελέγξτε το καλώδιο και το δίκτυο. Η απόδειξη έχει αποθηκευτεί: τυπώστε την ξανά αργότερα.
print-err-paper-out = Ο εκτυπωτής { $printer } δεν έχει χαρτί. Βάλτε νέο ρολό και τυπώστε ξανά την απόδειξη: έχει αποθηκευτεί.
print-err-timeout = Ο εκτυπωτής { $printer } δεν απάντησε εγκαίρως. Η απόδειξη έχει αποθηκευτεί: ελέγξτε τον εκτυπωτή και τυπώστε την ξανά.
print-err-interrupted = Η σύνδεση με τον εκτυπωτή { $printer } διακόπηκε κατά την εκτύπωση. Ελέγξτε τι τυπώθηκε και τυπώστε ξανά την απόδειξη: έχει αποθηκευτεί.
print-err-device = Η συσκευή εκτυπωτή { $path } δεν μπορεί να χρησιμοποιηθεί. Ελέγξτε ότι είναι συνδεδεμένη και ότι το tameio έχει δικαίωμα εγγραφής.
print-err-bad-address = Το «{ $printer }» δεν είναι διεύθυνση εκτυπωτή. Πληκτρολογήστε host:port (θύρα 9100 αν λείπει) ή διαδρομή συσκευής όπως /dev/usb/lp0.
print-err-pdf = Το PDF δεν μπόρεσε να δημιουργηθεί. Λεπτομέρειες στο αρχείο καταγραφής.
print-err-sim = Ο προσομοιωτής εκτυπωτή σταμάτησε: { $detail }
## Screens
signin-title = Ποιος είναι στο ταμείο;
signin-pick-user = Επιλέξτε το όνομά σας και πληκτρολογήστε το PIN.
signin-pin = PIN
signin-button = Σύνδεση
signin-try-again = Μπορείτε να δοκιμάσετε ξανά το PIN.
role-cashier = Ταμίας
role-manager = Υπεύθυνος
status-register = Ταμείο { $id }
status-no-terminal = δεν έχει συνδεθεί τερματικό καρτών
status-lock = Κλείδωμα
status-theme-dark = Σκούρο
status-theme-light = Ανοιχτό
cart-empty = Σαρώστε ένα είδος ή επιλέξτε δεξιά.
cart-items = { $count ->
    [one] 1 γραμμή
   *[other] { $count } γραμμές
}
cart-vat-line = ΦΠΑ { $rate } %
cart-vat-amounts = καθαρή { $net } · ΦΠΑ { $vat }
line-pieces = { $quantity } × { $price }
line-weighed = { $quantity } kg × { $price }/kg
line-discount-percent = Έκπτωση { $percent } %
price-per-kg = { $price }/kg
search-placeholder = Αναζήτηση: όνομα, PLU ή barcode ({ $key })
search-nothing = Κανένα είδος δεν ταιριάζει.
scan-prompt = Σαρώστε ή πληκτρολογήστε barcode ή PLU και Enter.
scan-quantity-set = Ποσότητα { $quantity } για το επόμενο είδος.
weigh-prompt = Ζυγιζόμενο είδος: πληκτρολογήστε το βάρος σε kg και Enter.
price-prompt = Χωρίς σταθερή τιμή: πληκτρολογήστε την τιμή και Enter.
price-for = Τιμή για { $name }
err-needs-price = Αυτό το είδος δεν έχει σταθερή τιμή: πληκτρολογήστε την τιμή του.
err-price-not-positive = Η τιμή πρέπει να είναι πάνω από μηδέν.
weigh-for = Βάρος για { $name } σε kg
discount-line = Έκπτωση στη γραμμή { $line }
discount-order = Έκπτωση σε όλη την απόδειξη
discount-on-line = Αυτή η γραμμή
discount-on-order = Όλη η απόδειξη
manager-pin-prompt = Χρειάζεται PIN υπευθύνου. Πληκτρολογήστε το και Enter.
void-done = Η γραμμή διαγράφηκε: { $name }
card-no-terminal = Δεν έχει συνδεθεί ακόμη τερματικό καρτών. Εισπράξτε μετρητά ή χρεώστε χειροκίνητα στο τερματικό.
key-enter-add = Enter · προσθήκη
key-enter-ok = Enter · OK
key-quantity = Ποσότητα ×
action-cash = Μετρητά
action-card = Κάρτα
action-split = Διαχωρισμός
action-discount = Έκπτωση
action-void = Ακύρωση γραμμής
action-search = Αναζήτηση
action-cancel = Άκυρο
action-manager = Υπεύθυνος
action-back = Πίσω
action-new-sale = Νέα πώληση
cash-title = Πληρωμή με μετρητά
cash-due = Πληρωτέο
cash-given = Ποσό που δόθηκε
cash-exact = Ακριβές ποσό
cash-type-given = Πληκτρολογήστε το ποσό που δόθηκε ή επιλέξτε χαρτονόμισμα.
cash-complete = Ολοκλήρωση πώλησης
sale-done = Εκδόθηκε η απόδειξη { $number }. Ρέστα { $change }.
manager-title = Υπεύθυνος: { $name }
manager-receipts = Αποδείξεις
manager-batch = Κλείσιμο πακέτου
manager-settings = Ρυθμίσεις
receipts-number = Αρ. απόδειξης
receipts-date = Ημερομηνία (ηη/μμ/εεεε)
receipts-amount = Ποσό
receipts-last4 = 4 τελευταία ψηφία κάρτας
receipts-search = Αναζήτηση
receipts-none = Καμία απόδειξη δεν ταιριάζει.
receipts-pick = Επιλέξτε μια απόδειξη για να τη δείτε.
receipts-reprint = Επανεκτύπωση (ΑΝΤΙΓΡΑΦΟ)
receipts-reprinted = Η απόδειξη { $number } επανεκτυπώθηκε ως αντίγραφο { $copy }.
receipts-bad-date = Γράψτε την ημερομηνία όπως 23/11/2026.
batch-x-title = Αναφορά Χ (από το τελευταίο κλείσιμο)
batch-range = Αποδείξεις { $first } έως { $last }
batch-empty = Καμία απόδειξη από το τελευταίο κλείσιμο.
batch-sales = Πωλήσεις
batch-refunds = Επιστροφές
batch-card-count = Κάρτα ({ $count })
batch-expected-cash = Αναμενόμενα μετρητά στο συρτάρι
batch-counted = Μετρητά που μετρήθηκαν
batch-close = Κλείσιμο πακέτου (Ζ)
batch-confirm = Κλείσιμο του πακέτου τώρα; Τα σύνολα γίνονται αναφορά Ζ και ξεκινά νέο πακέτο. Δεν αναιρείται.
batch-close-confirm = Ναι, κλείσιμο πακέτου
batch-closed = Το πακέτο { $number } έκλεισε.
batch-z-print = Εκτύπωση Ζ
batch-z-saved = Το Ζ { $number } αποθηκεύτηκε ως { $path }
batch-z-printed = Το Ζ { $number } τυπώθηκε και αποθηκεύτηκε ως { $path }
batch-z-not-printed = Το Ζ { $number } είναι καταχωρημένο και αποθηκεύτηκε ως { $path }, αλλά δεν τυπώθηκε: { $reason }
batch-history = Κλεισμένα πακέτα
batch-closure = Ζ { $number } · { $date }
batch-diff-none = τα μετρητά συμφωνούν
batch-diff-short = λείπουν μετρητά { $amount }
batch-diff-over = περισσεύουν μετρητά { $amount }
settings-shop-name = Επωνυμία καταστήματος
settings-vat-number = ΑΦΜ
settings-address = Διεύθυνση
settings-language = Γλώσσα
settings-idle-lock = Κλείδωμα μετά από τόσα δευτερόλεπτα αδράνειας (0 = ποτέ)
settings-max-quantity = Ερώτηση πριν από ποσότητα πάνω από τόσα τεμάχια ή κιλά (0 = ποτέ)
settings-save = Αποθήκευση ρυθμίσεων
settings-saved = Οι ρυθμίσεις αποθηκεύτηκαν.
category-dairy = Γαλακτοκομικά
category-bakery = Αρτοποιία
category-produce = Φρούτα & λαχανικά
category-pantry = Τρόφιμα
category-drinks = Ποτά
category-household = Οικιακά
category-books = Τύπος & βιβλία
category-various = Διάφορα
price-open = τιμή στο ταμείο
category-care = Περιποίηση

## Card payment, split, deferred receipts, terminal status (GUI)
action-defer = Προφόρτωση
action-deferred-list = Προφορτωμένες αποδείξεις
manager-deferred = Προφορτωμένες αποδείξεις
boot-recovering = Εκκίνηση: έλεγχος ανοιχτών πληρωμών με το τερματικό…
boot-unknown-attempts = { $count ->
    [one] 1 πληρωμή με κάρτα με άγνωστο αποτέλεσμα
   *[other] { $count } πληρωμές με κάρτα με άγνωστο αποτέλεσμα
} — υπεύθυνε: δείτε την ένδειξη τερματικού
defer-sending = Αποστολή της πώλησης στο τερματικό ως προφορτωμένη απόδειξη…
defer-sent = Στάλθηκε στο τερματικό { $terminal } ως προφορτωμένη απόδειξη #{ $id }. Ο πελάτης πληρώνει εκεί· νέα πώληση μπορεί να ξεκινήσει.
deferred-title = Προφορτωμένες αποδείξεις
deferred-none = Καμία προφορτωμένη απόδειξη.
deferred-waiting = σε αναμονή
deferred-paid = πληρώθηκε
deferred-expired = έληξε
deferred-cancelled = ακυρώθηκε
deferred-refresh = Ερώτηση στο τερματικό τώρα
deferred-refreshing = Ερώτηση στο τερματικό…
deferred-expire = Σήμανση ως ληγμένη
deferred-cancel = Ακύρωση
deferred-confirm = Ναι, να γίνει
deferred-confirm-expire = Να σημανθεί ως ληγμένη; Δεν θα πληρωθεί πια στο τερματικό. Πατήστε «Ναι, να γίνει».
deferred-confirm-cancel = Να ακυρωθεί η προφορτωμένη απόδειξη; Η πώληση δεν θα πληρωθεί. Πατήστε «Ναι, να γίνει».
deferred-unmatched-title = Αποτελέσματα τερματικού για έλεγχο από υπεύθυνο: κανένα δεν καταχωρίστηκε ούτε επιβεβαιώθηκε στο τερματικό. Ελέγξτε το καθένα με το ημερολόγιο του τερματικού.
deferred-unmatched-row = { $terminal } { $reference }: { $outcome } ({ $times } φορές) — { $evidence }
deferred-not-reached = Το τερματικό { $terminal } δεν ρωτήθηκε: { $reason }
deferred-outcome-approved = εγκρίθηκε { $amount }
deferred-outcome-declined = απορρίφθηκε
deferred-outcome-cancelled = ακυρώθηκε
diag-title = Διαγνωστικά
diag-terminal = Τερματικό: { $name } ({ $protocol })
diag-demo-protocol = ECR17, προσομοίωση μέσα στην ταμειακή
diag-configured = ρυθμισμένο τερματικό
diag-status = Τελευταία απάντηση: TID { $tid }, κατάσταση { $code } { $text }, λογισμικό { $release }
diag-open-attempts = Ανοιχτές απόπειρες πληρωμής
diag-attempt = { $when } · { $terminal } · { $amount } · { $state } · { $note }
diag-events = Συμβάντα της τρέχουσας πληρωμής
diag-none = Κανένα.
diag-host-up = Η σύνδεση του τερματικού με την τράπεζα λειτουργεί
diag-acknowledged = Το τερματικό επιβεβαίωσε το αίτημα
exit-during-payment = Μια πληρωμή με κάρτα βρίσκεται σε εξέλιξη. Αν κλείσετε τώρα, θα ελεγχθεί στην επόμενη εκκίνηση.
exit-stay = Να μείνει ανοιχτή
exit-anyway = Κλείσιμο παρ' όλα αυτά
pay-title = Πληρωμή με κάρτα στο τερματικό { $terminal }
pay-amount = Ποσό
pay-opening = Προετοιμασία της πώλησης…
pay-connecting = Σύνδεση με το τερματικό…
pay-sent = Στάλθηκε στο τερματικό…
pay-insert-card = Εισάγετε, ακουμπήστε ή σύρετε την κάρτα
pay-enter-pin = Πληκτρολογήστε το PIN
pay-authorising = Έγκριση σε εξέλιξη…
pay-host-down = Το τερματικό δεν έχει σύνδεση με την τράπεζα
pay-retrying = Επανάληψη του μηνύματος προς το τερματικό…
pay-result = Ήρθε αποτέλεσμα…
pay-recovering = Η απάντηση χάθηκε — ερώτηση στο τερματικό…
pay-approved = Εγκρίθηκε
pay-approved-booking-pending = Εγκρίθηκε — εκκρεμεί η καταχώριση
pay-booking-pending-help = Ο πελάτης πλήρωσε. Το ταμείο δεν μπόρεσε ακόμη να την καταχωρίσει και ξαναδοκιμάζει μόνο του· μην πάρετε άλλη πληρωμή.
pay-book-now = Καταχώριση τώρα
pay-declined = Απορρίφθηκε: { $reason }
pay-cancelled = Ακυρώθηκε: { $reason }
pay-no-reason = χωρίς αιτιολογία
pay-reason-code = κωδικός { $code }
pay-failed = Δεν στάλθηκε στο τερματικό — δεν χρεώθηκε τίποτα.
pay-unknown = Άγνωστο αποτέλεσμα — ο πελάτης μπορεί να έχει ήδη χρεωθεί
pay-unknown-help = Κοιτάξτε την οθόνη του τερματικού ή την απόδειξή του πριν κάνετε οτιδήποτε. Μην ξαναπάρετε την πληρωμή. Το Enter ρωτά ξανά το τερματικό· ο υπεύθυνος (F12) μπορεί να αποφασίσει με βάση την απόδειξη.
pay-details-hide = Απόκρυψη λεπτομερειών
pay-details-show = Λεπτομέρειες
pay-checking = Ρωτάμε το τερματικό πώς ολοκληρώθηκε η πληρωμή…
pay-evidence = Στοιχεία: { $note }
pay-terminal-says = Οθόνη τερματικού: { $text }
pay-timer = { $time }
pay-try-again = Ξανά
pay-other-tender = Άλλος τρόπος (μετρητά)
pay-cancel-on-terminal = Για διακοπή, ακυρώστε στο τερματικό.
pay-cannot-leave = Η πληρωμή είναι στο τερματικό· περιμένετε την απάντηση.
pay-wait = Ρωτήστε ξανά το τερματικό
pay-resolve = Χειροκίνητη επίλυση (υπεύθυνος)
pay-resolve-by = Επίλυση από { $name }
pay-resolve-help = Ελέγξτε πρώτα την απόδειξη ή το ημερολόγιο του τερματικού. Η επιλογή καταγράφεται.
diag-confirm-approved = Πατήστε ξανά F10 για να καταγραφεί η επιλεγμένη πληρωμή ως εγκεκριμένη. Ελέγξτε πρώτα την απόδειξη του τερματικού.
diag-confirm-not-charged = Πατήστε ξανά F5 για να καταγραφεί η επιλεγμένη πληρωμή ως μη χρεωμένη. Ελέγξτε πρώτα την απόδειξη του τερματικού.
pay-resolve-approved = Το τερματικό την ενέκρινε
pay-resolve-not-charged = Δεν χρεώθηκε
pay-resolved-not-charged = χειροκίνητη επίλυση: δεν χρεώθηκε
receipt-print = Εκτύπωση
receipt-printed = Στάλθηκε στον εκτυπωτή.
receipt-save-pdf = Αποθήκευση PDF
receipt-pdf-saved = Αποθηκεύτηκε ως { $path }
split-title = Διαχωρισμός πληρωμής
split-part = Πρώτο μέρος
split-help = Πληκτρολογήστε το πρώτο μέρος. F9: αυτό σε μετρητά, το υπόλοιπο με κάρτα. F10: αυτό με κάρτα, το υπόλοιπο σε μετρητά.
split-cash-first = Μέρος μετρητά, υπόλοιπο κάρτα
split-card-first = Μέρος κάρτα, υπόλοιπο μετρητά
split-part-range = Το μέρος πρέπει να είναι πάνω από μηδέν και κάτω από { $due }.
status-unknown = ? { $count ->
    [one] 1 άγνωστη πληρωμή
   *[other] { $count } άγνωστες πληρωμές
}
terminal-checking = { $name }: έλεγχος…
terminal-ready = { $name }: έτοιμο
terminal-not-ready = { $name }: μη έτοιμο
terminal-busy = { $name }: απασχολημένο
terminal-outcome-open = { $name }: εκκρεμεί αποτέλεσμα πληρωμής
terminal-offline = { $name }: δεν είναι συνδεδεμένο

# Batch close with the terminal
batch-confirm-terminal = Κλείσιμο του πακέτου τώρα; Το τερματικό κλείνει το πακέτο του και τα σύνολα γίνονται αναφορά Ζ· ξεκινά νέο πακέτο. Δεν αναιρείται.
batch-confirm-register-only = Κλείσιμο μόνο του πακέτου του ταμείου; Το πακέτο του τερματικού μένει ανοιχτό και πρέπει να κλείσει στο ίδιο το τερματικό. Δεν αναιρείται.
batch-close-register-only = Κλείσιμο μόνο του ταμείου
batch-terminal-failed = Το πακέτο του τερματικού δεν έκλεισε, οπότε δεν έκλεισε τίποτα: { $reason }
batch-terminal-title = Τερματικό { $name }
batch-terminal-asking = Ζητούνται τα σύνολα του τερματικού…
batch-terminal-unreachable = δεν διαβάζονται τα σύνολα του τερματικού: { $reason }
batch-terminal-refused = το τερματικό αρνήθηκε ({ $code }): { $reason }
batch-terminal-total = Σύνολο καρτών τερματικού
batch-register-card = Σύνολο καρτών ταμείου (με φιλοδωρήματα)
batch-terminal-match = τερματικό και ταμείο συμφωνούν
batch-terminal-more = το τερματικό έχει { $amount } περισσότερα από το ταμείο
batch-terminal-less = το τερματικό έχει { $amount } λιγότερα από το ταμείο
batch-history-terminal = Τερματικό { $name }
batch-history-host = Σύνολο τράπεζας

# Diagnostics: the terminal's settings and attempt states
diag-config = Πρωτόκολλο { $protocol } · διεύθυνση { $addr } · TID { $tid }
diag-wire-title = Καταγραφή πρωτοκόλλου
diag-wire-help = Τι στάλθηκε και τι ήρθε από το τερματικό, τα νεότερα κάτω. Οι αριθμοί καρτών και οι κωδικοί κρύβονται.
diag-wire-empty = Δεν έχει γίνει ακόμη ανταλλαγή με το τερματικό.
diag-config-asking = Διαβάζονται οι ρυθμίσεις του τερματικού…
diag-config-failed = δεν διαβάζονται οι ρυθμίσεις του τερματικού: { $reason }
attempt-state-prepared = έτοιμη, δεν στάλθηκε τίποτα
attempt-state-sent = στάλθηκε, αναμονή για το τερματικό
attempt-state-approved = εγκρίθηκε
attempt-state-declined = απορρίφθηκε
attempt-state-cancelled = ακυρώθηκε
attempt-state-unknown = άγνωστη έκβαση
attempt-state-failed = απέτυχε, καμία χρέωση

## settings: users, vat, printer, terminals
settings-section-shop = Κατάστημα
settings-section-vat = ΦΠΑ
settings-section-users = Χρήστες
settings-section-printer = Εκτυπωτής
settings-section-terminals = Τερματικά
settings-cancel = Άκυρο
settings-users-title = Χρήστες και PIN
settings-user-name = Όνομα
settings-user-role = Ρόλος
settings-user-state = Κατάσταση
settings-user-active = ενεργός
settings-user-inactive = ανενεργός: δεν μπορεί να συνδεθεί
settings-user-change-pin = Αλλαγή PIN
settings-user-deactivate = Απενεργοποίηση
settings-user-reactivate = Επανενεργοποίηση
settings-user-add-title = Νέος χρήστης
settings-user-pin = PIN (4 έως 8 ψηφία)
settings-user-pin-again = Το ίδιο PIN ξανά
settings-user-add = Προσθήκη χρήστη
settings-user-new-pin-title = Νέο PIN για { $name }
settings-user-save-pin = Αποθήκευση PIN
settings-user-added = Ο χρήστης { $name } προστέθηκε και μπορεί να συνδεθεί με το νέο PIN.
settings-user-pin-changed = Το PIN του χρήστη { $name } άλλαξε.
settings-user-deactivated = Ο χρήστης { $name } δεν μπορεί πλέον να συνδεθεί.
settings-user-reactivated = Ο χρήστης { $name } μπορεί πάλι να συνδεθεί.
settings-user-locked = κλειδωμένος: πολλά λάθος PIN
settings-user-unlock = Ξεκλείδωμα
settings-user-unlocked = Ο χρήστης { $name } μπορεί ξανά να δοκιμάσει το PIN του.
settings-vat-title = Κατηγορίες ΦΠΑ
settings-market = Αγορά
settings-market-greece = Ελλάδα
settings-market-italy = Ιταλία
settings-market-saved = Η αγορά αποθηκεύτηκε: οι αποδείξεις χρησιμοποιούν πλέον τις κατηγορίες ΦΠΑ της.
settings-vat-letter = Κατηγορία
settings-vat-rate = Συντελεστής
settings-vat-products = Είδη
settings-vat-other = { $count ->
    [one] 1 είδος έχει
   *[other] { $count } είδη έχουν
} συντελεστή ΦΠΑ που δεν υπάρχει στον πίνακα ({ $rates }). Μεταφέρετέ τα σε μία από τις κατηγορίες του.
settings-vat-move-title = Μεταφορά όλων των ειδών μιας κατηγορίας σε άλλη
settings-vat-from = Από
settings-vat-to = Σε
settings-vat-move = Μεταφορά ειδών
settings-vat-pick = Επιλέξτε την κατηγορία από την οποία και προς την οποία θα γίνει η μεταφορά.
settings-vat-confirm = { $count ->
    [one] 1 είδος θα μεταφερθεί
   *[other] { $count } είδη θα μεταφερθούν
} από { $from } σε { $to }. Οι αποδείξεις που έχουν ήδη εκδοθεί κρατούν τον ΦΠΑ τους. Να γίνει η μεταφορά τώρα;
settings-vat-confirm-yes = Ναι, μεταφορά
settings-vat-moved = { $count ->
    [one] 1 είδος μεταφέρθηκε
   *[other] { $count } είδη μεταφέρθηκαν
} από { $from } σε { $to }.
settings-printer-title = Εκτυπωτής αποδείξεων
settings-printer-address = Εκτυπωτής: host:port (θύρα 9100 αν παραλειφθεί) ή συσκευή όπως /dev/usb/lp0· κενό = χωρίς εκτυπωτή
settings-printer-paper = Χαρτί
settings-printer-save = Αποθήκευση εκτυπωτή
settings-printer-test = Δοκιμαστική εκτύπωση
settings-printer-test-sent = Η δοκιμαστική σελίδα τυπώθηκε στον { $printer }.
print-test-title = ΔΟΚΙΜΑΣΤΙΚΗ ΕΚΤΥΠΩΣΗ
print-test-body = Ο εκτυπωτής λειτουργεί. Χαρτί { $paper }.
settings-terminals-title = Τερματικά καρτών (POS)
settings-terminal-name = Όνομα
settings-terminal-protocol = Πρωτόκολλο
settings-terminal-addr = Διεύθυνση
settings-terminal-tid = TID
settings-terminal-default = Πληρωμές με κάρτα εδώ
settings-terminal-demo = ενσωματωμένο δοκιμαστικό τερματικό
settings-terminal-make-default = Ορισμός ως κύριο
settings-terminal-test = Έλεγχος σύνδεσης
settings-terminal-pair = Διασύνδεση
settings-terminal-testing = Έλεγχος του { $name }…
settings-terminal-status = { $name }: τερματικό { $tid }, { $status }, λογισμικό { $release }
settings-terminal-ready = έτοιμο
settings-terminal-not-ready = όχι έτοιμο
settings-terminal-add-title = Νέο τερματικό
settings-terminal-addr-hint = Διεύθυνση HOST:PORT
settings-terminal-tid-hint = Κωδικός τερματικού (TID)
settings-terminal-environment = Διακομιστής
settings-terminal-base-url = Διεύθυνση άλλου διακομιστή (κενό για τον επιλεγμένο)
settings-terminal-username = Χρήστης
settings-terminal-password = Κωδικός πρόσβασης
settings-terminal-use-default = Χρήση για πληρωμές με κάρτα
settings-terminal-add = Προσθήκη τερματικού
settings-terminal-added = Το τερματικό { $name } προστέθηκε.
settings-terminal-pair-code = Κωδικός WebECR: τα 8 ψηφία στην οθόνη του { $name }
settings-terminal-paired = Το { $name } διασυνδέθηκε με το τερματικό { $tid }.
settings-terminal-default-saved = Οι πληρωμές με κάρτα πηγαίνουν πλέον στο { $name }.
settings-terminal-not-paired = χωρίς διασύνδεση ακόμη
err-user-name-empty = Ο χρήστης χρειάζεται όνομα.
err-user-name-taken = Υπάρχει ήδη χρήστης με το όνομα { $name }.
err-pin-digits = Το PIN αποτελείται μόνο από ψηφία.
err-pin-length = Το PIN έχει 4 έως 8 ψηφία.
err-pins-differ = Τα δύο PIN δεν είναι ίδια. Πληκτρολογήστε το νέο PIN δύο φορές.
err-last-manager = Ο { $name } είναι ο τελευταίος υπεύθυνος και μένει ενεργός: προσθέστε πρώτα άλλον υπεύθυνο.
err-vat-same = Επιλέξτε δύο διαφορετικές κατηγορίες ΦΠΑ.
err-vat-not-legal = Το { $rate } % δεν είναι συντελεστής ΦΠΑ αυτής της αγοράς.
err-pairing-code-format = Ο κωδικός WebECR είναι τα 8 ψηφία που δείχνει το τερματικό.
err-pairing-code-refused = Το τερματικό δεν δέχτηκε τον κωδικό: είναι λάθος, έχει ήδη χρησιμοποιηθεί ή είναι παλαιότερος από 15 λεπτά. Ζητήστε νέο κωδικό από το τερματικό και πληκτρολογήστε τον ξανά.
err-terminal-name = Το τερματικό χρειάζεται όνομα, διαφορετικό από «demo».
err-terminal-name-taken = Υπάρχει ήδη τερματικό με το όνομα { $name }.
err-terminal-addr = Πληκτρολογήστε τη διεύθυνση του τερματικού ως HOST:PORT, για παράδειγμα 192.168.1.50:8081.

## refunds and support bundle
refund-err-not-a-sale = Η απόδειξη { $number } είναι η ίδια επιστροφή.
refund-err-already = Η απόδειξη { $number } έχει ήδη επιστραφεί.
refund-err-pending = Μια επιστροφή της απόδειξης { $number } ελέγχεται ακόμη με το τερματικό. Επιλύστε την πρώτα από τα Διαγνωστικά.
refund-err-changed = Κάποια από αυτά τα είδη της απόδειξης { $number } επιστράφηκαν στο μεταξύ (σε άλλο ταμείο). Τίποτα δεν στάλθηκε στο τερματικό: επιλέξτε τα ξανά.
refund-err-cannot = Το τερματικό { $terminal } δεν μπορεί να κάνει επιστροφή αυτής της πληρωμής. Κάντε την επιστροφή στο ίδιο το τερματικό ή σε μετρητά.
refund-err-not-last = Το τερματικό { $terminal } ακυρώνει μόνο την τελευταία του συναλλαγή. Κάντε την επιστροφή στο ίδιο το τερματικό ή σε μετρητά.
refund-err-batch-closed = Το τερματικό { $terminal } έκλεισε πακέτο μετά από αυτή την πληρωμή· δεν ακυρώνεται πια. Κάντε επιστροφή.
refund-err-no-card = Αυτή η πληρωμή με κάρτα δεν έγινε από τερματικό αυτού του ταμείου. Κάντε την επιστροφή στο ίδιο το τερματικό ή σε μετρητά.
refund-button = Επιστροφή
refund-void-button = Ακύρωση στο τερματικό
refund-cash-button = Επιστροφή μετρητών
refund-ask-card = Επιστροφή { $amount } στην κάρτα •••• { $last4 } στο τερματικό { $terminal };
refund-ask-void = Ακύρωση { $amount } στην κάρτα •••• { $last4 } στο τερματικό { $terminal };
refund-ask-cash = Επιστροφή { $amount } σε μετρητά;
refund-ask-and-cash = Επιστρέφονται επίσης { $amount } σε μετρητά.
refund-yes = Ναι, συνέχεια
refund-no = Όχι
refund-working = Επιστροφή μέσω τερματικού…
refund-done = Έγινε επιστροφή: εκδόθηκε η απόδειξη επιστροφής { $number } για { $amount }.
refund-declined = Το τερματικό απέρριψε την επιστροφή: { $reason }. Δεν άλλαξε τίποτα.
refund-failed = Τίποτα δεν έφτασε στο τερματικό: { $reason }. Δεν άλλαξε τίποτα.
refund-unknown = Έλεγχος με το τερματικό… Το αποτέλεσμα της επιστροφής δεν είναι ακόμη γνωστό, γι' αυτό η απόδειξη δεν σημειώνεται ως επιστραμμένη. Θα επιλυθεί από τα Διαγνωστικά ή στην επόμενη εκκίνηση.
refund-refunded = επιστράφηκε
support-export = Εξαγωγή πακέτου υποστήριξης
support-written = Το πακέτο υποστήριξης αποθηκεύτηκε: { $path }
support-failed = Το πακέτο υποστήριξης δεν γράφτηκε: { $reason }
cli-support-written = Το πακέτο υποστήριξης γράφτηκε στο { $path }

## terminals: remove
err-terminal-unknown = Δεν υπάρχει τερματικό με όνομα { $name }.
err-terminal-open-payments = Το τερματικό { $name } έχει πληρωμή με άγνωστο ακόμη αποτέλεσμα: διευθετήστε την πρώτα (Διαγνωστικά).
err-terminal-waiting-preloads = Το τερματικό { $name } έχει προφορτωμένες αποδείξεις σε αναμονή: κλείστε τις πρώτα (Προφορτωμένες αποδείξεις).
settings-terminal-remove = Αφαίρεση
settings-terminal-remove-confirm = Αφαίρεση του τερματικού { $name }; Οι ρυθμίσεις και ο αποθηκευμένος κωδικός του διαγράφονται· οι αποδείξεις που πληρώθηκαν σε αυτό διατηρούνται.
settings-terminal-remove-yes = Ναι, αφαίρεση
settings-terminal-removed = Το τερματικό { $name } αφαιρέθηκε.
cli-terminal-removed = Το τερματικό { $name } αφαιρέθηκε.

## Tips, the demo terminal on paper, journalled batch closes
receipt-demo-terminal = ΔΟΚΙΜΑΣΤΙΚΟ ΤΕΡΜΑΤΙΚΟ — ΔΕΝ ΕΓΙΝΕ ΠΡΑΓΜΑΤΙΚΗ ΠΛΗΡΩΜΗ ΜΕ ΚΑΡΤΑ
receipt-resolved-by-hand = Επιλύθηκε χειροκίνητα από τον υπεύθυνο { $name }
receipt-tip = Φιλοδώρημα
receipt-card-charged = Σύνολο κάρτας με φιλοδώρημα
print-tips = Φιλοδωρήματα
print-card-charged = Σύνολο καρτών με φιλοδωρήματα
print-card-check-register = Σύνολο καρτών ταμείου (με φιλοδωρήματα)
print-card-check-terminal = Σύνολο πακέτου τερματικού
print-card-check-match = Τα σύνολα καρτών συμφωνούν
print-card-check-difference = Τερματικό μείον ταμείο
err-batch-close-unanswered = Ζητήθηκε από το τερματικό { $terminal } το κλείσιμο πακέτου, αλλά η απάντησή του χάθηκε: μπορεί να έκλεισε. Δεν θα ζητηθεί ξανά. Δείτε την τελευταία απόδειξη κλεισίματος πακέτου του τερματικού και καταχωρίστε αν έκλεισε (tameio batch resolve).
err-batch-close-unfinished = Ένα κλείσιμο πακέτου με το τερματικό { $terminal } δεν ολοκληρώθηκε: η απάντηση του τερματικού χάθηκε. Καταχωρίστε αν το τερματικό έκλεισε (tameio batch resolve) πριν κλείσετε ξανά.
cli-batch-closes-none = Κανένα κλείσιμο πακέτου σε αναμονή.
cli-batch-close-waiting = Κλείσιμο πακέτου { $request } με το τερματικό { $terminal }, ζητήθηκε { $when } από { $name }: η απάντηση του τερματικού χάθηκε ({ $note }).
cli-batch-close-resolved = Το κλείσιμο πακέτου { $request } καταχωρίστηκε ως μη κλεισμένο στο τερματικό· δεν εκδόθηκε τίποτα.
err-frame-not-hex = Η καταγραφή δεν είναι δεκαεξαδική ({ $detail }). Δώστε τα bytes της σε hex, για παράδειγμα 02 33 37 03.
err-frame-empty = Δεν υπάρχει τίποτα για αποκωδικοποίηση: δώστε τα bytes της καταγραφής σε hex.
err-frame-protocol = Δεν υπάρχει αποκωδικοποιητής πλαισίων για «{ $protocol }»: χρησιμοποιήστε ecr17, aade1155, webecr ή nexo.
err-frame-too-long = Η καταγραφή είναι μεγαλύτερη από { $limit } χαρακτήρες.
err-cli-usage = Η εντολή δεν είναι σωστή (η λεπτομέρεια ακολουθεί· δείτε και tameio --help).

## First run
first-run-title = Καλώς ήρθατε στο tameio: ας στήσουμε αυτό το ταμείο
first-run-language = 1 · Γλώσσα
first-run-shop = 2 · Το κατάστημα
first-run-finish = 3 · Τερματικό
first-run-vat-number = ΑΦΜ (ή ιταλικό Partita IVA)
first-run-register-id = Κωδικός ταμείου
first-run-next = Επόμενο
first-run-back = Πίσω
first-run-stay-demo = Παραμονή σε επίδειξη
first-run-vat-bad = Ο ΑΦΜ δεν είναι έγκυρος: ελέγξτε τα ψηφία του (ΑΦΜ: 9 ψηφία, Partita IVA: 11 ψηφία).
first-run-name-missing = Γράψτε την επωνυμία του καταστήματος.
first-run-register-missing = Γράψτε έναν κωδικό για αυτό το ταμείο.
first-run-vat-missing = Λείπει: το ΑΦΜ. Οι αποδείξεις δεν το γράφουν μέχρι να προστεθεί στις Ρυθμίσεις · Κατάστημα.
first-run-vat-needed = Για πραγματικό τερματικό χρειάζεται το ΑΦΜ του καταστήματος: επιστρέψτε (Esc) και συμπληρώστε το.
first-run-demo-note = Οι πληρωμές με κάρτα πηγαίνουν στο τερματικό επίδειξης: δεν κινούνται πραγματικά χρήματα.
first-run-terminal-later = Ή προσθέστε τώρα το δικό σας τερματικό: πρώτα αλλάζουν τα PIN επίδειξης, μετά το τερματικό προστίθεται, ελέγχεται ή αντιστοιχίζεται στις Ρυθμίσεις · Τερματικά.
first-run-add-terminal = Προσθήκη τερματικού
first-run-pins = 4 · Δικά σας PIN
first-run-pins-why = Πραγματικό τερματικό προστίθεται μόνο αφού αλλάξουν τα PIN επίδειξης (Maria 1111, Nikos 9999).
first-run-manager-pin = Νέο PIN υπευθύνου (Nikos)
first-run-cashier-pin = Νέο PIN ταμία (Maria)
first-run-pin-again = Ξανά το ίδιο PIN
first-run-manager-pins-differ = Τα δύο PIN του υπευθύνου διαφέρουν: πληκτρολογήστε ξανά το δεύτερο.
first-run-cashier-pins-differ = Τα δύο PIN του ταμία διαφέρουν: πληκτρολογήστε ξανά το δεύτερο.
first-run-pins-save = Αποθήκευση PIN και συνέχεια
settings-first-run = Αρχική ρύθμιση ξανά

## Certification run (terminal certify)
certify-title = Αναφορά πιστοποίησης τερματικού
certify-step-status = Κατάσταση τερματικού
certify-step-sale = Εγκεκριμένη πώληση
certify-step-void-last = Ακύρωση της τελευταίας πώλησης
certify-step-decline = Πώληση που απορρίπτεται
certify-step-lost-link = Χαμένη σύνδεση κατά την πληρωμή
certify-step-recover = Ανάκτηση όταν επανέλθει η σύνδεση
certify-step-totals = Σύνολα τερματικού
certify-step-batch-close = Κλείσιμο πακέτου
certify-do-status = Ανάψτε το τερματικό και αφήστε το στην αρχική του οθόνη.
certify-do-sale = Το ταμείο ζητά { $amount }. Πληρώστε με δοκιμαστική κάρτα που η τράπεζα εγκρίνει.
certify-do-void-last = Το ταμείο ακυρώνει την εγκεκριμένη πώληση. Επιβεβαιώστε στο τερματικό αν ρωτήσει.
certify-do-decline = Το ταμείο ζητά { $amount }. Χρησιμοποιήστε δοκιμαστική κάρτα που η τράπεζα απορρίπτει.
certify-do-lost-link = Το ταμείο ζητά { $amount }. Όταν το τερματικό ζητήσει την κάρτα, βγάλτε το καλώδιο δικτύου του (ή κλείστε το Wi-Fi του) και ολοκληρώστε την πληρωμή στο τερματικό αν μπορεί.
certify-do-recover = Συνδέστε ξανά το καλώδιο και περιμένετε την αρχική οθόνη του τερματικού. Το ταμείο ρωτά τότε το τερματικό τι έγινε με την πληρωμή.
certify-do-totals = Το ταμείο διαβάζει τα σύνολα του τερματικού.
certify-do-batch-close = Το ταμείο κλείνει το πακέτο του τερματικού: οι πληρωμές με κάρτα πηγαίνουν στην τράπεζα.
certify-sim-note = Ο προσομοιωτής του tameio δε χρειάζεται τίποτα: τα λεπτά επιλέγουν τι κάνει (,61 απορρίπτει, ,64 χάνει την απάντηση).
certify-passed = επιτυχία
certify-failed = ΑΠΟΤΥΧΙΑ
certify-skipped = παραλείφθηκε
certify-not-offered = δεν υπάρχει σε αυτό το πρωτόκολλο
certify-not-offered-detail = Αυτό το πρωτόκολλο δεν έχει τέτοια λειτουργία.
certify-skipped-by = Παραλείφθηκε από { $name }.
certify-status-detail = Τερματικό { $tid }: { $status }.
certify-status-software = Λογισμικό { $release }.
certify-outcome-approved = { $amount } εγκρίθηκε, έγκριση { $code }, { $reference }.
certify-outcome-declined = { $amount } απορρίφθηκε: { $reason }.
certify-outcome-cancelled = { $amount } ακυρώθηκε: { $reason }.
certify-outcome-open = { $amount }: το αποτέλεσμα δεν είναι ακόμη γνωστό· η πληρωμή μένει ανοιχτή και δεν στάλθηκε ξανά.
certify-outcome-failed = { $amount } δεν έφτασε στο τερματικό: { $reason }.
certify-decline-was-approved = Η τράπεζα την ενέκρινε: χρησιμοποιήστε κάρτα που απορρίπτει και ακυρώστε αυτή την πληρωμή.
certify-void-no-sale = Δεν υπάρχει εγκεκριμένη πώληση για ακύρωση: εκτελέστε πρώτα την εγκεκριμένη πώληση.
certify-recover-nothing = Καμία πληρωμή δεν έχασε τη σύνδεση: εκτελέστε πρώτα το προηγούμενο βήμα.
certify-recover-already = Τακτοποιήθηκε ήδη κατά την πληρωμή: { $outcome }
certify-recover-open = Μένει ανοιχτή: αποφασίζει ο υπεύθυνος (tameio attempt resolve { $id }).
certify-recover-none = Αυτό το πρωτόκολλο δεν μπορεί να ρωτήσει το τερματικό για μια χαμένη πληρωμή: ο υπεύθυνος κοιτά την απόδειξη του τερματικού και αποφασίζει (tameio attempt resolve { $id }).
certify-lost-kept = Το ταμείο την κράτησε ανοιχτή αντί να μαντέψει.
certify-lost-not-lost = Η σύνδεση δεν χάθηκε: βγάλτε το καλώδιο όσο το τερματικό περιμένει την κάρτα και εκτελέστε ξανά το βήμα.
certify-lost-recovered = Το ταμείο ρώτησε το τερματικό και την τακτοποίησε χωρίς να στείλει ξανά την πληρωμή.
certify-totals-detail = Το τερματικό αναφέρει σύνολο { $total }.
certify-close-detail = Το πακέτο έκλεισε, σύνολο { $total }.
certify-terminal = Τερματικό
certify-address = Διεύθυνση
certify-terminal-id = Κωδικός τερματικού
certify-register = Ταμείο
certify-technician = Εκτελέστηκε από
certify-started = Έναρξη
certify-software = Λογισμικό
certify-summary = Αποτέλεσμα
certify-summary-value = { $passed } από { $steps } βήματα επιτυχή, { $failed } απέτυχαν
certify-step = Βήμα
certify-result = Αποτέλεσμα
certify-at = Ώρα
certify-attempt = Απόπειρα πληρωμής
certify-log = Καταγραφή πρωτοκόλλου (οι αριθμοί καρτών κρυμμένοι):
certify-saved = Η αναφορά αποθηκεύτηκε: { $path }
certify-press = Enter: εκτέλεση βήματος · s: παράλειψη · q: τέλος
certify-stopped = Διακόπηκε πριν το τέλος· η αναφορά έχει τα βήματα που εκτελέστηκαν.
certify-running = Σε εξέλιξη: { $step }…
certify-run-step = Εκτέλεση βήματος
certify-skip-step = Παράλειψη
certify-stop = Τέλος ελέγχου
certify-close = Κλείσιμο
settings-terminal-certify = Πιστοποίηση

## frame decode: καταγραφές WebECR (JSON)
err-frame-not-json = Η καταγραφή WebECR δεν είναι JSON ({ $detail }). Δώστε το σώμα της απάντησης ή ένα αρχείο που το περιέχει.
err-frame-file = Το αρχείο της καταγραφής δεν διαβάζεται ({ $detail }).

## AADE 1155 key set-up (tameio terminal keys, Settings · Terminals)
cli-terminal-keys-master = { $name }: το κύριο κλειδί φυλάχτηκε στο αρχείο μυστικών.
cli-terminal-keys-echo = { $name }: το τερματικό απάντησε στο echo αρχικοποίησης ({ $text }, τερματικό { $tid }).
cli-terminal-keys-session = { $name }: φορτώθηκε νέο κλειδί συνεδρίας (τιμή ελέγχου { $kcv }).
settings-terminal-keys = Κλειδιά
settings-terminal-keys-master = Κύριο κλειδί (32 δεκαεξαδικά ψηφία· κενό: το αποθηκευμένο)
settings-terminal-keys-run = Echo και φόρτωση κλειδιού συνεδρίας
settings-terminal-keys-running = Ρύθμιση κλειδιών του { $name }…
settings-terminal-keys-done = { $name }: το τερματικό απάντησε στο echo αρχικοποίησης και δέχτηκε νέο κλειδί συνεδρίας (τιμή ελέγχου { $kcv }).

## Manager side of a day (issue 13): receipts list, copies, refund pane, keys
receipts-by-hand = επίλυση χειροκίνητα
receipts-print-copy = Εκτύπωση αντιγράφου
receipts-pdf-copy = Αντίγραφο σε PDF
refund-card-button = Επιστροφή στην κάρτα
refund-why-cannot = Το τερματικό { $terminal } δεν μπορεί να κάνει επιστροφή αυτής της πληρωμής.
refund-why-not-last = Το τερματικό { $terminal } ακυρώνει μόνο την τελευταία του συναλλαγή.
refund-why-no-card = Αυτή η πληρωμή με κάρτα δεν έγινε σε τερματικό αυτού του ταμείου.
refund-advice = Κάντε την επιστροφή στο ίδιο το τερματικό ή σε μετρητά.
# What a terminal cannot do, in err-not-supported (op- and the driver's words joined by -)
op-preloaded-receipts = προφορτωμένες αποδείξεις
op-preloaded-receipts-in-protocol-version-01 = προφορτωμένες αποδείξεις (έκδοση πρωτοκόλλου 01)
op-totals = σύνολα πακέτου
op-batch-close = κλείσιμο πακέτου
op-receipt-reprint = αντίγραφο της τελευταίας απόδειξης κάρτας
op-collecting-results = συλλογή αποτελεσμάτων
op-refund = επιστροφές
pay-failed-busy = Το τερματικό είναι απασχολημένο και δεν δέχτηκε την πληρωμή — δεν χρεώθηκε τίποτα. Δοκιμάστε ξανά όταν ελευθερωθεί.
pay-failed-refused = Το τερματικό δεν δέχτηκε το αίτημα — δεν χρεώθηκε τίποτα.
diag-attempt-line = { $when } · { $kind } { $amount } στο { $terminal } · { $state } · { $of }
diag-attempt-order = παραγγελία { $order }, χωρίς απόδειξη ακόμη
diag-attempt-receipt = παραγγελία { $order }, απόδειξη { $receipt }
diag-attempt-no-order = χωρίς παραγγελία (δοκιμή ή πληρωμή από τη γραμμή εντολών)
diag-evidence = Στοιχεία από το τερματικό (τεχνικά): { $note }
diag-operational = έτοιμο για πληρωμές
diag-kind-payment = πληρωμή
diag-kind-refund = επιστροφή
diag-kind-void = ακύρωση
print-batch-terminal-id = Κωδικός τερματικού
print-batch-result = Αποτέλεσμα
print-batch-closed = έκλεισε
print-batch-refused = απέτυχε: { $reason }
print-batch-terminal-total = Σύνολο τερματικού
print-batch-host-total = Σύνολο τράπεζας
print-batch-slip = Απόδειξη κλεισίματος τερματικού
refund-err-too-much = Αυτό είναι περισσότερο από όσο απομένει για επιστροφή από το είδος { $line } σε αυτή την απόδειξη.
refund-err-nothing = Επιλέξτε τουλάχιστον ένα είδος και την ποσότητα για επιστροφή.
refund-err-void-whole = Η ακύρωση παίρνει πίσω όλη την πληρωμή με κάρτα: κάντε επιστροφή των ειδών.
refund-err-quantity = Η ποσότητα για το είδος { $line } δεν είναι αριθμός τεμαχίων ή κιλών.
refund-pick-button = Επιστροφή ειδών…
refund-pick-back = Όλη η απόδειξη
refund-pick-title = Είδη για επιστροφή
refund-pick-help = ↑ ↓ επιλέξτε είδος, πληκτρολογήστε πόσα (* = όλα όσα απομένουν), μετά F10 στην κάρτα ή F9 σε μετρητά.
refund-pick-left = απομένουν για επιστροφή: { $quantity }
refund-pick-total = Για επιστροφή: { $amount }
refund-ask-lines = Επιστροφή: { $lines }.
refund-part-refunded = μερική επιστροφή
refund-pick-help-cash = ↑ ↓ επιλέξτε είδος, πληκτρολογήστε πόσα (* = όλα όσα απομένουν), μετά F9 για επιστροφή σε μετρητά.
deferred-no-preload = Το τερματικό { $terminal } δεν δέχεται προφορτωμένες αποδείξεις· το ταμείο δεν προσφέρει το F8 σε αυτό.

## myDATA link of card payments (fiscal mode, keys, ECR-token key exchange)
cli-fiscal-mode = Διασύνδεση πληρωμών με κάρτα με το myDATA: { $mode }
cli-fiscal-key-set = { $name }: ορίστηκε
cli-fiscal-key-unset = { $name }: δεν έχει οριστεί
cli-fiscal-bound = Το κλειδί συνεδρίας ανταλλάχθηκε με το { $terminal } (KCV { $kcv }).
settings-fiscal-mode = Πληρωμές με κάρτα στο myDATA
settings-fiscal-none = Χωρίς διασύνδεση
settings-fiscal-provider = Πάροχος ηλεκτρονικής τιμολόγησης
settings-fiscal-device = Φορολογικός μηχανισμός

## Checkout side of a day (issue 13): parked sales, quantity checks, keys on every button
quantity-confirm = Ποσότητα { $quantity }: περισσότερο από { $max }. { $enter }: ναι, σωστό · { $esc }: όχι
quantity-confirm-short = Ποσότητα { $quantity };
weigh-not-count = Ζυγιζόμενο είδος: το { $quantity } δεν είναι βάρος. Πληκτρολογήστε το βάρος σε kg και Enter.
void-last-confirm = Ακύρωση: { $name }; Η πώληση θα μείνει κενή. { $enter }: ακύρωση · { $esc }: παραμένει
void-last-short = Ακύρωση της τελευταίας γραμμής;
park-done = Η πώληση μπήκε σε αναμονή με αριθμό { $number }. Με κενή πώληση, το { $key } την επαναφέρει.
park-none = Καμία πώληση σε αναμονή.
park-pick = Επιλέξτε πώληση σε αναμονή: { $up } { $down }, μετά { $enter }. { $esc }: πίσω.
park-recalled = Η πώληση σε αναμονή επανήλθε.
park-gone = Αυτή η πώληση έχει ήδη επανέλθει (σε άλλο ταμείο;).
park-list-title = Πωλήσεις σε αναμονή
park-row = Αρ. { $number } · { $owner } · { $at } · { $count ->
    [one] 1 γραμμή
   *[other] { $count } γραμμές
}
park-by-lock = Σε αναμονή από το κλείδωμα του ταμείου
park-resumed = Η πώλησή σας από πριν το κλείδωμα επανήλθε.
park-handed-back = Η πληρωμή με κάρτα δεν χρεώθηκε (απόφαση υπευθύνου): η πώληση περιμένει να πληρωθεί
pay-sale-returned = Η πώληση δεν χρεώθηκε: επέστρεψε στον/στην { $name } ως σε αναμονή (επιστρέφει στην επόμενη σύνδεσή του/της· ο υπεύθυνος την ανακαλεί με F3).
action-park = Αναμονή πώλησης
action-recall = Πωλήσεις σε αναμονή
signin-pick-user-keys = Επιλέξτε το όνομά σας ({ $up } { $down }), πληκτρολογήστε το PIN και { $enter }.
signin-button-key = { $key } · Σύνδεση

## nexo Retailer (PAX / Swedbank Pay), issue 14
err-frame-not-nexo = Η καταγραφή nexo δεν είναι μήνυμα XML του nexo ({ $detail }). Δώστε το σώμα XML (SaleToPOIRequest ή SaleToPOIResponse) ή ένα αρχείο που το περιέχει.

## nexo in the GUI (issue 14): adding a nexo terminal, cancelling a payment from the register
settings-nexo-addr-hint = Διεύθυνση τερματικού HOST:PORT (θύρα 11000 αν δεν δοθεί)
settings-nexo-poiid = POIID
settings-nexo-mode = Σύνδεση
settings-nexo-light = Απλή
settings-nexo-full = Πλήρης (το τερματικό μιλά στο ταμείο)
settings-nexo-listen = Διεύθυνση ακρόασης ταμείου IP:PORT (κενό: 0.0.0.0:11000)
settings-nexo-confirm-signature = Αποδοχή της υπογραφής του πελάτη χωρίς ερώτηση
settings-nexo-currency = Νόμισμα (κενό: EUR)
settings-nexo-sale-id = Sale ID (κενό: ο κωδικός αυτού του ταμείου)
settings-nexo-bad-addr = Η διεύθυνση του τερματικού πρέπει να είναι HOST ή HOST:PORT, για παράδειγμα 192.168.1.20:11000.
settings-nexo-bad-poiid = Συμπληρώστε το POIID: τον κωδικό με τον οποίο ο πάροχος πληρωμών γνωρίζει αυτό το τερματικό (1 έως 32 χαρακτήρες, χωρίς κενά).
settings-nexo-bad-listen = Η διεύθυνση ακρόασης πρέπει να είναι IP:PORT, για παράδειγμα 0.0.0.0:11000.
settings-nexo-bad-currency = Το νόμισμα πρέπει να είναι τρία γράμματα, για παράδειγμα EUR.
settings-nexo-bad-sale-id = Το Sale ID έχει έως 32 χαρακτήρες, χωρίς κενά.
pay-cancel = Ακύρωση πληρωμής
pay-cancelling = Ακύρωση στο τερματικό…
pay-cancel-failed = Το τερματικό δεν δέχτηκε την ακύρωση ({ $reason }). Η πληρωμή συνεχίζεται· δοκιμάστε ξανά ή ακυρώστε στο τερματικό.

## Η υπογραφή του κατόχου της κάρτας (nexo)
signature-check = Ελέγξτε την υπογραφή του πελάτη
signature-copy = Αντίγραφο εμπόρου
signature-help-reverse = Η κάρτα εγκρίθηκε και το τερματικό ζητά υπογραφή στο αντίγραφο του εμπόρου. Συγκρίνετέ τη με την κάρτα. Enter: ταιριάζει, η πώληση συνεχίζεται. F5: δεν ταιριάζει· η πληρωμή ακυρώνεται στο τερματικό.
signature-help-terminal = Το τερματικό περιμένει: ταιριάζει η υπογραφή στο αντίγραφο του εμπόρου με την κάρτα; Enter: ναι. F5: όχι· το τερματικό απορρίπτει την πληρωμή.
signature-leave = Συνέχεια: το αναλαμβάνει ο υπεύθυνος
signature-ok = Η υπογραφή ταιριάζει
signature-refuse = Δεν ταιριάζει
signature-reversing = Ακύρωση της πληρωμής στο τερματικό…
signature-reversed = Η πληρωμή ακυρώθηκε: δεν έγινε χρέωση. Η απόδειξη { $number } ακυρώνει την πώληση.
signature-reversed-help = Η πώληση είναι ξανά στην οθόνη όπως ήταν: πληρωμή με άλλον τρόπο ή ακύρωση. Όσα μετρητά δόθηκαν γι' αυτή επιστρέφονται στον πελάτη.
signature-reversal-unknown = Η έκβαση της επιστροφής δεν είναι ακόμη γνωστή: μην πάρετε άλλη πληρωμή για αυτή την πώληση. Το Enter ρωτά ξανά το τερματικό· ο υπεύθυνος μπορεί να αποφασίσει στα Διαγνωστικά (Ctrl+T).
signature-reversal-failed = Η πληρωμή δεν ακυρώθηκε ({ $reason }): ισχύει. Δοκιμάστε ξανά με F5 ή συνεχίστε με Enter και αφήστε το στον υπεύθυνο (Αποδείξεις).
signature-too-late = Το τερματικό δεν περίμενε πια την απάντηση· αποφασίζει μόνο του για την πληρωμή.
signature-err-none = Αυτή η πληρωμή δεν ζήτησε υπογραφή.
signature-cli-refused = Η υπογραφή απορρίφθηκε: ακύρωση της πληρωμής.
print-declined-slip = ΑΠΟΡΡΙΨΗ ΚΑΡΤΑΣ
pay-print-slip = Εκτύπωση αποδεικτικού πελάτη
pay-slip = Το αποδεικτικό του τερματικού
pay-slip-printed = Το αποδεικτικό στάλθηκε στον εκτυπωτή.
pay-aborted-by-cashier = κατόπιν αιτήματός σας, στο τερματικό. Δεν χρεώθηκε τίποτα.
deferred-pick-first = Επιλέξτε πρώτα μια προφορτωμένη απόδειξη σε αναμονή (↑ ↓).
exit-during-signature = Η υπογραφή του πελάτη δεν έχει ελεγχθεί ακόμη. Αν κλείσετε τώρα, η πληρωμή μένει εγκεκριμένη· ο υπεύθυνος μπορεί να την ακυρώσει από τις Αποδείξεις.
signature-reversed-pending = Επιστράφηκε στο τερματικό: δεν έγινε χρέωση στην κάρτα.
boot-unchecked-signatures = Η υπογραφή του πελάτη δεν επιβεβαιώθηκε για την απόδειξη { $receipts } και η πληρωμή δεν ακυρώθηκε (το tameio έκλεισε κατά τον έλεγχο ή το τερματικό δεν μπόρεσε να την ακυρώσει). Συγκρίνετε το αντίγραφο του εμπόρου με την κάρτα· αν δεν ταιριάζει, ο υπεύθυνος ακυρώνει ή επιστρέφει την απόδειξη (Αποδείξεις).
signature-reversal-not-sent = το αίτημα δεν έφτασε στο τερματικό

## Issue 21, χρόνια πωλήσεων: πρόοδος του db check και --quick
cli-db-phase-integrity = Έλεγχος ακεραιότητας SQLite
cli-db-phase-audit = Αλυσίδα ελέγχου
cli-db-phase-receipts = Σφραγίδες αποδείξεων
cli-db-phase-rows = Γραμμές
cli-db-quick-ok = Ο γρήγορος έλεγχος πέρασε (τελευταίες { $days } ημέρες): η αλυσίδα ελέγχου { $entries } εγγραφών είναι άθικτη, { $receipts } αποδείξεις επαληθεύτηκαν. Δεν ελέγχθηκαν: ο έλεγχος ακεραιότητας της SQLite, οι παλαιότερες αποδείξεις και εγγραφές ελέγχου, ο έλεγχος γραμμή προς γραμμή (για αυτά: tameio db check).

## The accountant's period report (issue 21, item 3: `report period`, Manager · Reports)
period-title = ΑΝΑΦΟΡΑ ΠΕΡΙΟΔΟΥ
period-from = Από
period-to = Έως
period-sales-total = Σύνολο πωλήσεων
period-refunds-total = Σύνολο επιστροφών
period-vat-sales = Πωλήσεις ανά συντελεστή ΦΠΑ
period-vat-refunds = Επιστροφές ανά συντελεστή ΦΠΑ
period-vat-net = Πωλήσεις μείον επιστροφές, ανά συντελεστή ΦΠΑ
period-terminals = Τερματικά καρτών
period-count = Πλήθος
period-amount = Ποσό
period-cashiers = Ταμίες
period-cashier = Ταμίας
period-by-day = Ανά ημέρα
period-by-month = Ανά μήνα
period-day = Ημέρα
period-month = Μήνας
period-net = Σύνολο
period-z-reports = Αναφορές Ζ της περιόδου
period-z = Ζ
period-no-z = καμία
period-chart-by-day = Πωλήσεις ανά ημέρα, μείον επιστροφές
period-chart-by-month = Πωλήσεις ανά μήνα, μείον επιστροφές
period-chart-amount = Ποσό (€)
manager-reports = Αναφορές
reports-from = Από (ημέρα)
reports-to = Έως (ημέρα, μαζί)
reports-by-day = Ανά ημέρα
reports-by-month = Ανά μήνα
reports-show = Εμφάνιση
reports-pdf = Αποθήκευση PDF
reports-csv = Αποθήκευση CSV
reports-saved = Αποθηκεύτηκε: { $path }
reports-bad-date = Γράψτε τις ημερομηνίες όπως 01/12/2026 (μπορεί να ακολουθεί ώρα: 01/12/2026 14:30).
reports-empty = Καμία απόδειξη σε αυτή την περίοδο.
reports-receipts = Αποδείξεις { $first } – { $last }: { $sales ->
    [one] 1 πώληση
   *[other] { $sales } πωλήσεις
}, { $refunds ->
    [one] 1 επιστροφή
   *[other] { $refunds } επιστροφές
}
reports-z-count = Αναφορές Ζ της περιόδου: { $count }

## zday (issue 23 items 1, 2, 7, 8, 23): κλείσιμο ημέρας ανά τερματικό, συρτάρι, πιστοποίηση χωριστά, γράφημα πωλήσεων
print-terminal-section = Τερματικό { $name }
print-terminal-demo = δοκιμαστικό τερματικό — χωρίς πραγματικά χρήματα
print-terminal-cards = { $count ->
    [one] 1 πληρωμή με κάρτα
   *[other] { $count } πληρωμές με κάρτα
}
print-terminal-by-hand = { $count ->
    [one] από αυτές 1 με απόφαση υπευθύνου *
   *[other] από αυτές { $count } με απόφαση υπευθύνου *
}
print-terminal-not-closed = Το πακέτο του δεν κλείνει με αυτό το Ζ.
print-close-on-terminal = Το πρωτόκολλο αυτού του τερματικού δεν έχει κλείσιμο πακέτου: κλείστε το πακέτο στο ίδιο το τερματικό.
print-opening-float = Ρέστα ταμείου
print-cash-net = Μετρητά μείον επιστροφές
print-cash-exact = Τα μετρητά συμφωνούν
print-cash-over = Περίσσευμα μετρητών
print-cash-short = Έλλειμμα μετρητών
chart-sales-per-hour = Πωλήσεις ανά ώρα
chart-hour = Ώρα
batch-float = Ρέστα ταμείου (μετρητά στο συρτάρι στην αρχή της ημέρας)
batch-terminal-part = { $name }: { $count ->
    [one] 1 πληρωμή με κάρτα
   *[other] { $count } πληρωμές με κάρτα
}
batch-close-on-terminal = Κλείσιμο ημέρας ταμείου (Ζ)
batch-no-close-in-protocol = Το πρωτόκολλο αυτού του τερματικού δεν έχει κλείσιμο πακέτου: κλείστε το πακέτο στο ίδιο το τερματικό. Το ταμείο κλείνει το δικό του μέρος και το Ζ το αναφέρει.
batch-confirm-on-terminal = Κλείσιμο της ημέρας του ταμείου τώρα; Τα παραπάνω σύνολα γίνονται αναφορά Ζ· το πακέτο του τερματικού κλείνει στο ίδιο το τερματικό. Δεν αναιρείται.
err-certify-sales-not-in-z = Το τερματικό { $terminal } έχει { $count ->
    [one] 1 πληρωμή με κάρτα του καταστήματος ({ $amount }) που δεν έχει
   *[other] { $count } πληρωμές με κάρτα του καταστήματος ({ $amount }) που δεν έχουν
} μπει ακόμη σε Ζ. Η πιστοποίηση κλείνει το πακέτο του τερματικού: κάντε πρώτα κλείσιμο ημέρας (Ζ) και μετά ξεκινήστε την.
certify-close-skipped = Το κλείσιμο πακέτου παραλείφθηκε: { $reason }

## checkout (issue 23 items 10–15, 17, 18, 20–22): οι οθόνες του ταμία
pay-asked-again = Ρωτήθηκε ξανά στις { $time } — ακόμη άγνωστο.
pay-cannot-leave-unknown = Το αποτέλεσμα δεν είναι ακόμη γνωστό: ρωτήστε ξανά το τερματικό (Enter) ή αφήστε τον υπεύθυνο να αποφασίσει με βάση την απόδειξη (F12) πριν φύγετε.
pay-cannot-leave-booking = Ο πελάτης πλήρωσε: η πληρωμή καταχωρίζεται· περιμένετε λίγο ή πατήστε Enter.
pay-cannot-lock = Το ταμείο δεν κλειδώνει όσο μια πληρωμή είναι ανοιχτή: ολοκληρώστε την πρώτα.
pay-not-charged-by = Δεν χρεώθηκε — απόφαση του/της { $name }
pay-resolve-auth-code = Κωδικός έγκρισης από την απόδειξη: { $code }
pay-resolve-auth-code-help = Προαιρετικά: πληκτρολογήστε τον κωδικό που τυπώθηκε στην απόδειξη του τερματικού.
pay-resolve-confirm-approved = Πατήστε ξανά F10 για να καταγραφεί ως εγκεκριμένη.
pay-resolve-confirm-not-charged = Πατήστε ξανά F5 για να καταγραφεί ότι δεν χρεώθηκε.
pay-evidence-earlier = Το τελευταίο αποτέλεσμα του τερματικού ανήκει σε προηγούμενη πληρωμή, άρα αυτή των { $amount } μάλλον δεν έφτασε ποτέ στην κάρτα. Ελέγξτε στο ημερολόγιο του τερματικού αν υπάρχει πληρωμή { $amount } στις { $time }: αν δεν υπάρχει, δεν χρεώθηκε.
pay-evidence-other = Το τερματικό ανέφερε πληρωμή που δεν ταιριάζει με αυτή (άλλο ποσό ή άλλο τερματικό). Ελέγξτε στο ημερολόγιό του αν υπάρχει πληρωμή { $amount } στις { $time }: αν υπάρχει εγκρίθηκε, αν όχι δεν χρεώθηκε.
pay-evidence-silent = Το τερματικό δεν μπόρεσε να πει τι έγινε με αυτή την πληρωμή των { $amount } στις { $time }. Ελέγξτε την οθόνη του, το ημερολόγιό του ή την απόδειξη του πελάτη.
pay-evidence-unclear = Η απάντηση του τερματικού δεν λέει με βεβαιότητα αν χρεώθηκαν { $amount } στις { $time }. Ελέγξτε το ημερολόγιό του ή την απόδειξη του πελάτη: αν υπάρχει εγκρίθηκε, αν όχι δεν χρεώθηκε.
sale-done-no-change = Εκδόθηκε η απόδειξη { $number }.
card-kind-credit = πιστωτική
card-kind-debit = χρεωστική
card-kind-prepaid = προπληρωμένη
card-kind-other = άλλη κάρτα
diag-no-attempts = Καμία ανοιχτή απόπειρα πληρωμής.
diag-no-events = Κανένα συμβάν ακόμη.
signin-pick-first = Επιλέξτε πρώτα το όνομά σας (↑ ↓ ή πατήστε το) και μετά πληκτρολογήστε το PIN.
signin-checking = Γίνεται έλεγχος του PIN…
split-cash-part = Μέρος σε μετρητά
split-given-help = Πληκτρολογήστε τι έδωσε ο πελάτης για το μέρος σε μετρητά (σκέτο Enter: ακριβώς αυτό το ποσό). Το υπόλοιπο πληρώνεται με κάρτα. Esc: αλλαγή του μέρους.
split-given-short = Το ποσό που δόθηκε είναι μικρότερο από το μέρος σε μετρητά ({ $part }).
split-take-cash = Είσπραξη μετρητών, υπόλοιπο με κάρτα

## Catalogue (issue 22, helper "catalog"): product files and commands, departments
catalog-err-row = Γραμμή { $row }, στήλη «{ $column }»: { $reason }. Δεν άλλαξε τίποτα.
catalog-err-field = { $column }: { $reason }. Δεν άλλαξε τίποτα.
catalog-why-missing-column = το αρχείο δεν έχει στήλη «{ $value }»
catalog-why-field-count = η γραμμή έχει περισσότερα πεδία από την επικεφαλίδα
catalog-why-bad-plu = το «{ $value }» δεν είναι PLU (ακέραιος πάνω από 0)
catalog-why-duplicate-plu = το PLU { $value } υπάρχει ήδη
catalog-why-empty-name = το όνομα είναι κενό
catalog-why-bad-barcode = το «{ $value }» δεν είναι barcode (8, 12 ή 13 ψηφία)
catalog-why-check-digit = λάθος ψηφίο ελέγχου στο barcode { $value }
catalog-why-duplicate-barcode = το barcode { $value } ανήκει ήδη στο PLU { $plu }
catalog-why-bad-price = το «{ $value }» δεν είναι τιμή (π.χ. 0,80)
catalog-why-price-decimals = η τιμή { $value } έχει πάνω από δύο δεκαδικά
catalog-why-unknown-vat = το «{ $value }» δεν είναι συντελεστής ΦΠΑ αυτής της αγοράς
catalog-why-bad-unit = το «{ $value }» δεν είναι μονάδα (piece, kg ή l)
catalog-why-bad-active = το «{ $value }» δεν είναι 1 ή 0 (ναι ή όχι)
catalog-why-unquoted = ένα εισαγωγικό ανοίγει και δεν κλείνει
cli-product-added = Προστέθηκε το PLU { $plu }: { $name }, { $price }.
cli-product-changed = Το PLU { $plu } άλλαξε.
cli-product-unchanged = PLU { $plu }: τίποτα προς αλλαγή.
cli-product-deactivated = Το PLU { $plu } αποσύρθηκε από την πώληση (μένει με το ιστορικό του).
cli-product-version = από { $from }: { $price }, ΦΠΑ { $vat } % (από { $by })
cli-product-off-sale = εκτός πώλησης
cli-product-exported = Γράφτηκαν { $count } είδη στο { $path }.
cli-product-not-utf8 = Το { $path } δεν είναι αρχείο κειμένου UTF-8 (αποθηκεύστε το ως «CSV UTF-8»).
cli-product-progress = Εισαγωγή: { $done } / { $total } ({ $percent } %)
cli-product-import-dry = Δοκιμή, δεν γράφτηκε τίποτα. { $rows } γραμμές: { $added } για προσθήκη, { $changed } για αλλαγή, { $deactivated } για απόσυρση, { $unchanged } χωρίς αλλαγή, { $departments } νέες κατηγορίες.
cli-product-imported = Εισήχθησαν { $rows } γραμμές: { $added } νέα, { $changed } άλλαξαν, { $deactivated } αποσύρθηκαν, { $unchanged } χωρίς αλλαγή, { $departments } νέες κατηγορίες.
cli-product-import-added = Νέα
cli-product-import-changed = Άλλαξαν
cli-product-import-deactivated = Αποσύρθηκαν
cli-department-key = ελεύθερη τιμή (πλήκτρο κατηγορίας)
cli-department-saved = Η κατηγορία { $code } αποθηκεύτηκε.
period-departments = Ανά κατηγορία
period-department = Κατηγορία

## screens (issue 23 items 2, 4, 21): ένα πλήκτρο μία σημασία, κάθε οθόνη στα 1024×768, πώληση με κάρτα από τη γραμμή εντολών
cli-sale-done-card = Εκδόθηκε η απόδειξη { $number }: σύνολο { $total }, πληρωμή με κάρτα.
signin-clear-key = { $key }: καθαρισμός του PIN
receipts-keys = { $up } { $down }: η προηγούμενη ή η επόμενη απόδειξη
## Products tab (F12 → Products), GUI import and export, by helper "products" (issue 22)
manager-products = Είδη
products-search-hint = Όνομα, PLU ή barcode
products-search = Αναζήτηση
products-none = Κανένα είδος δεν ταιριάζει.
products-inactive = εκτός πώλησης
products-history = Ιστορικό τιμών
products-plu = PLU
products-name = Όνομα
products-price = Τιμή
products-vat = ΦΠΑ %
products-department = Κατηγορία
products-unit = Μονάδα
products-unit-piece = τεμάχιο
products-unit-kg = κιλό
products-unit-l = λίτρο
products-barcode = Barcode (σαρώστε εδώ)
products-barcodes = Barcodes
products-no-barcodes = κανένα ακόμη
products-scan-hint = Σαρώστε ή πληκτρολογήστε ένα barcode στο πεδίο του και πατήστε Enter: μπαίνει στη λίστα. Enter σε άλλο πεδίο αποθηκεύει. Το Tab αλλάζει πεδίο, το F2 πάει στο barcode.
products-new = Νέο είδος
products-edit = Επεξεργασία
products-reprice = Αλλαγή τιμής
products-deactivate = Εκτός πώλησης
products-import = Εισαγωγή CSV…
products-export = Εξαγωγή CSV…
products-remove-demo = Αφαίρεση δοκιμαστικών
products-save = Αποθήκευση
products-next-unit = Μονάδα τεμάχιο / κιλό / λίτρο
products-remove-code = Αφαίρεση τελευταίου barcode
products-yes = Ναι
products-no = Όχι
products-ask-deactivate = Να βγει εκτός πώλησης το PLU { $plu } ({ $name }); Μένει στις αποδείξεις και στις αναφορές.
products-ask-remove-demo = Αφαίρεση του δοκιμαστικού καταλόγου; Φεύγουν μόνο είδη που δεν πουλήθηκαν ποτέ· τα δικά σας είδη μένουν.
products-saved = Το είδος { $plu } αποθηκεύτηκε: πουλιέται αμέσως.
products-deactivated = Το είδος { $plu } είναι εκτός πώλησης.
products-demo-removed = Αφαιρέθηκαν { $count } δοκιμαστικά είδη.
products-demo-sold = Ο δοκιμαστικός κατάλογος μένει: το δοκιμαστικό είδος { $plu } έχει πουληθεί.
products-demo-no-own = Ο δοκιμαστικός κατάλογος μένει μέχρι να έχετε δικά σας είδη σε πώληση.
products-import-title = Εισαγωγή ειδών από αρχείο CSV
products-export-title = Εξαγωγή του καταλόγου σε φάκελο
products-picker-keys = ↑ ↓ επιλογή · Enter ανοίγει φάκελο ή διαβάζει αρχείο · ⌫ επάνω φάκελος
products-picker-open = Άνοιγμα
products-picker-up = Επάνω φάκελος
products-folder-empty = Δεν υπάρχουν φάκελοι ή αρχεία CSV εδώ.
products-folder-unreadable = Ο φάκελος δεν διαβάζεται.
products-export-here = Αποθήκευση εδώ
products-exported = Ο κατάλογος αποθηκεύτηκε στο { $path }
products-import-apply = Εισαγωγή
products-import-back = Πίσω, χωρίς αλλαγές
products-import-rows = Διαβάστηκαν { $count } γραμμές. Τίποτα δεν γράφεται πριν πατήσετε Enter.
products-import-added = Νέα
products-import-changed = Αλλαγμένα
products-import-deactivated = Εκτός πώλησης
products-import-unchanged = Χωρίς αλλαγή: { $count }
products-import-more = … και { $count } ακόμη
products-import-departments = Νέες κατηγορίες: { $list }
products-imported = Εισαγωγή: { $added } νέα, { $changed } αλλαγμένα, { $deactivated } εκτός πώλησης.
products-file-unreadable = Το αρχείο δεν διαβάζεται: { $reason }
products-file-not-utf8 = Το αρχείο δεν είναι κείμενο UTF-8. Αποθηκεύστε το από το λογιστικό φύλλο ως «CSV UTF-8».
products-file-unwritable = Το αρχείο δεν γράφεται: { $reason }
first-run-catalog = Είδη: ο δοκιμαστικός κατάλογος μένει μέχρι να εισαγάγετε τα δικά σας (τα δοκιμαστικά αφαιρούνται αργότερα από F12 → Είδη).
first-run-import = Εισαγωγή των ειδών μου (CSV)
# Litres (issue 22, by helper "products")
line-litres = { $quantity } l × { $price }/l
price-per-l = { $price }/l
products-reactivate = Ξανά σε πώληση
products-ask-reactivate = Να ξαναμπεί σε πώληση το PLU { $plu };

# lead: the products list key hint
products-choose = επιλογή
