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
err-pin-wait = Πάρα πολλά λάθος PIN. Περιμένετε { $seconds } δευτερόλεπτα.
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
err-terminal-unreachable = Το τερματικό δεν είναι συνδεδεμένο. Ελέγξτε ότι είναι αναμμένο και στο δίκτυο. Δεν έγινε χρέωση.
err-terminal-open-attempt = Μια πληρωμή σε αυτό το τερματικό έχει άγνωστο αποτέλεσμα. Επιλύστε την πριν από νέα πληρωμή.
err-not-supported = Αυτό το τερματικό δεν υποστηρίζει: { $operation }.
err-terminal = Το τερματικό ανέφερε πρόβλημα: { $detail }
err-bad-input = { $detail }

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
cli-reprint-done = Η απόδειξη { $number } επανεκτυπώθηκε ως αντίγραφο { $copy }.
cli-refund-done = Εκδόθηκε απόδειξη επιστροφής { $number } για { $total }.
