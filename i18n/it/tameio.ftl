# tameio — Italiano. Gli stessi id di en/ (verificato da un test).

app-name = tameio
data-dir-is = Cartella dati: { $dir }
demo-terminal-banner = terminale dimostrativo — nessun addebito reale

## Errori
err-unknown-code = Nessun articolo con codice a barre o PLU «{ $code }».
err-bad-barcode = «{ $code }» non è un codice a barre valido.
err-bad-amount = «{ $input }» non è un importo. Scrivere ad esempio 12,40.
err-amount-too-precise = «{ $input }» ha più di due decimali.
err-amount-too-large = «{ $input }» è troppo grande per una vendita.
err-bad-quantity = «{ $input }» non è una quantità. Scrivere pezzi interi o un peso come 0,250.
err-quantity-not-positive = La quantità deve essere maggiore di zero.
err-fractional-pieces = L'articolo si vende a pezzi; scrivere un numero intero.
err-quantity-too-large = La quantità è troppo grande.
err-not-enough-cash = { $given } è meno dei { $due } dovuti.
err-nothing-due = Non resta nulla da pagare in questa vendita.
err-card-overpays = La carta può pagare al massimo i { $due } ancora dovuti.
err-amount-not-positive = L'importo deve essere maggiore di zero.
err-empty-cart = La vendita non ha ancora articoli.
err-no-line = Questa riga non esiste nella vendita.
err-discount-too-large = Lo sconto supera l'importo a cui si applica.
err-discount-not-positive = Lo sconto deve essere maggiore di zero.
err-wrong-pin = PIN errato ({ $failed } errori di fila).
err-pin-wait = Troppi PIN errati. Attendere { $seconds ->
    [one] 1 secondo.
   *[other] { $seconds } secondi.
}
err-pin-locked = { $name } è bloccato dopo troppi PIN errati. Lo sblocca un responsabile da Impostazioni → Utenti.
err-pin-prompt-locked = Il PIN del responsabile è bloccato dopo troppi tentativi errati. Si riapre quando un responsabile accede con il proprio nome e PIN.
err-demo-pins = Cambiare prima i PIN dimostrativi: { $names } accede ancora con il PIN del README. Assegnare nuovi PIN da Impostazioni → Utenti (o `tameio user pin`), poi aggiungere il terminale.
cli-user-unlocked = { $name } può di nuovo provare il PIN.
cli-user-not-locked = { $name } non era bloccato; i PIN errati sono azzerati.
cli-user-pin-changed = { $name } ha un nuovo PIN.
cli-manager-prompt = il PIN del responsabile
err-needs-manager = Solo un responsabile può farlo.
err-no-user = Utente sconosciuto «{ $name }».
err-no-receipt = Non esiste lo scontrino numero { $number }.
err-no-order = Non esiste una vendita aperta numero { $order }.
err-conflict = Non è possibile ora: { $detail }
err-db-too-new = Questo database è stato scritto da un tameio più recente (schema { $found }; questa versione conosce { $known }). Nulla è stato modificato. Installare la versione più recente.
err-storage = Il registratore non è riuscito a salvare o leggere i dati. Nulla è andato perso; i dettagli sono nel log. ({ $detail })
err-settings-ignored = L'impostazione «{ $field }» non era valida; si usa il valore predefinito.
err-no-terminal = Non esiste un terminale chiamato «{ $name }».
err-terminal-busy = Il terminale è occupato con un altro pagamento. Attendere che finisca.
err-terminal-busy-elsewhere = Il terminale { $name } è in uso da un altro programma tameio (pid { $pid }). Attendere che finisca lì.
err-no-default-terminal = Nessun terminale scelto per i pagamenti con carta. Un responsabile lo sceglie in Impostazioni → Terminali.
pay-not-recorded = Il terminale ha risposto, ma la cassa non ha ancora potuto registrarlo ({ $detail }). Niente è perso: `tameio recover` lo richiede al terminale.
err-terminal-unreachable = Terminale non raggiungibile. Verificare che sia acceso e collegato. Nessun addebito.
err-terminal-open-attempt = Un pagamento su questo terminale ha esito sconosciuto. Risolverlo prima di un nuovo pagamento.
err-not-supported = Questo terminale non può: { $operation }.
err-terminal = Il terminale ha segnalato un problema: { $detail }
err-bad-input = { $detail }
err-no-printer = Nessuna stampante per scontrini configurata. Lo scontrino è salvato; impostare una stampante nelle impostazioni.

## Scontrini
receipt-title = DOCUMENTO COMMERCIALE
receipt-refund-title = RESO
receipt-copy = COPIA
receipt-copy-number = Copia n. { $copy }
receipt-number = Scontrino n. { $number }
receipt-refund-of = Reso dello scontrino n. { $number }
receipt-register = Cassa { $register }
receipt-cashier = Cassiere: { $name }
receipt-vat-number = P.IVA { $number }
receipt-discount = Sconto
receipt-order-discount = Sconto vendita
receipt-total = TOTALE
receipt-vat = IVA
receipt-net = Imponibile
receipt-gross = Totale
receipt-rate = Aliquota
receipt-cash = Contanti
receipt-card = Carta
receipt-given = Importo ricevuto
receipt-change = Resto
receipt-auth-code = Cod. autorizzazione
receipt-terminal-id = TID
receipt-transaction-id = ID transazione
receipt-lines = Articoli
receipt-reprints = Ristampe

## Riga di comando
cli-sale-done = Scontrino { $number } emesso: totale { $total }, resto { $change }.
cli-no-receipts = Ancora nessuno scontrino.
cli-db-ok = Database OK: controllo di integrità superato, catena di audit di { $entries } voci intatta, { $receipts } scontrini verificati.
cli-db-integrity = Controllo di integrità SQLite fallito: { $detail }
cli-db-chain-broken = Catena di audit interrotta alla voce { $entry }: { $reason }
cli-db-receipt-problem = { $detail }
cli-backup-done = Backup scritto in { $path }.
db-upgraded = Il database è stato aggiornato dalla versione { $from } alla { $to }; una copia di quello vecchio è conservata in { $path }.
cli-restore-checked = { $file } è un database di tameio (schema { $schema }, ultimo scontrino: { $receipts }, voci di audit: { $entries }) e supera il controllo.
cli-restore-ask = Sostituire con questo il database in { $path }? Quello attuale viene prima copiato nei backup. [s/N]
cli-restore-yes-words = s, si, sì, y, yes
cli-restore-cancelled = Non è stato cambiato nulla.
cli-restore-done = Database ripristinato da { $file }. Quello precedente è conservato in { $previous }.
err-restore-not-tameio = Questo file non è un database di tameio: { $detail }
err-restore-check-failed = Questo file non supera il controllo del database, quindi non è stato ripristinato: { $detail }
err-restore-in-use = Il database è aperto in un altro tameio (la cassa o un comando). Chiudilo e ripristina di nuovo.
err-restore-not-confirmed = Non è stato cambiato nulla: conferma con --yes quando nessuno può rispondere alla domanda.
cli-reprint-done = Scontrino { $number } ristampato come copia { $copy }.
cli-refund-done = Scontrino di reso { $number } emesso per { $total }.

## Stampa
print-phone = Tel. { $phone }
print-terminal-receipt = Ricevuta del terminale
print-rrn = RRN
print-x-title = LETTURA PARZIALE (REPORT X)
print-z-title = CHIUSURA GIORNALIERA (REPORT Z)
print-z-number = Chiusura n. { $number }
print-closed-at = Chiusura
print-printed-at = Stampa
print-terminal = Terminale
print-receipt-range = Scontrini
print-no-receipts = nessuno scontrino
print-sales = Vendite
print-refunds = Resi
print-payments = Pagamenti
print-card-payments = Pagamenti con carta
print-expected-cash = Contanti attesi
print-counted-cash = Contanti contati
print-cash-difference = Differenza
print-terminal-totals = Totali del terminale
print-err-off = La stampante { $printer } è spenta o rifiuta la connessione. Lo scontrino è salvato: ristampalo quando la stampante è accesa.
print-err-unreachable = La stampante { $printer } non è raggiungibile. Controlla cavo e rete. Lo scontrino è salvato: ristampalo più tardi.
print-err-paper-out = La stampante { $printer } è senza carta. Inserisci un nuovo rotolo e ristampa lo scontrino: è salvato.
print-err-timeout = La stampante { $printer } non ha risposto in tempo. Lo scontrino è salvato: controlla la stampante e ristampalo.
print-err-interrupted = La connessione con la stampante { $printer } si è interrotta durante la stampa. Controlla cosa è uscito e ristampa lo scontrino: è salvato.
print-err-device = Il dispositivo di stampa { $path } non è utilizzabile. Controlla che sia collegato e che tameio possa scriverci.
print-err-bad-address = «{ $printer }» non è un indirizzo di stampante. Scrivi host:porta (9100 se omessa) o un percorso come /dev/usb/lp0.
print-err-pdf = Impossibile creare il PDF. I dettagli sono nel log.
print-err-sim = Il simulatore di stampante si è fermato: { $detail }
## Screens
signin-title = Chi è alla cassa?
signin-pick-user = Scegli il tuo nome, poi digita il PIN.
signin-pin = PIN
signin-button = Accedi
signin-try-again = Puoi riprovare il PIN.
role-cashier = Cassiere
role-manager = Responsabile
status-register = Cassa { $id }
status-no-terminal = nessun terminale carte collegato
status-lock = Blocca
status-theme-dark = Scuro
status-theme-light = Chiaro
cart-empty = Scansiona un articolo o sceglilo a destra.
cart-items = { $count ->
    [one] 1 riga
   *[other] { $count } righe
}
cart-vat-line = IVA { $rate } %
cart-vat-amounts = imponibile { $net } · IVA { $vat }
line-pieces = { $quantity } × { $price }
line-weighed = { $quantity } kg × { $price }/kg
line-discount-percent = Sconto { $percent } %
price-per-kg = { $price }/kg
search-placeholder = Cerca: nome, PLU o codice a barre ({ $key })
search-nothing = Nessun articolo corrisponde.
scan-prompt = Scansiona o digita codice a barre o PLU, poi Invio.
scan-quantity-set = Quantità { $quantity } per il prossimo articolo.
weigh-prompt = Articolo a peso: digita il peso in kg, poi Invio.
price-prompt = Senza prezzo fisso: digita il prezzo, poi Invio.
price-for = Prezzo di { $name }
err-needs-price = Questo articolo non ha un prezzo fisso: digita il prezzo.
err-price-not-positive = Il prezzo deve essere maggiore di zero.
weigh-for = Peso di { $name } in kg
discount-line = Sconto sulla riga { $line }
discount-order = Sconto su tutto lo scontrino
discount-on-line = Questa riga
discount-on-order = Tutto lo scontrino
manager-pin-prompt = Serve il PIN di un responsabile. Digitalo, poi Invio.
void-done = Riga eliminata: { $name }
card-no-terminal = Nessun terminale carte è ancora collegato. Incassa in contanti o addebita a mano sul terminale.
key-enter-add = Invio · aggiungi
key-enter-ok = Invio · OK
key-quantity = Quantità ×
action-cash = Contanti
action-card = Carta
action-split = Diviso
action-discount = Sconto
action-void = Storna riga
action-search = Cerca
action-cancel = Annulla
action-manager = Responsabile
action-back = Indietro
action-new-sale = Nuova vendita
cash-title = Pagamento in contanti
cash-due = Da pagare
cash-given = Importo ricevuto
cash-exact = Importo esatto
cash-type-given = Digita l'importo ricevuto o scegli una banconota.
cash-complete = Concludi vendita
sale-done = Scontrino { $number } emesso. Resto { $change }.
manager-title = Responsabile: { $name }
manager-receipts = Scontrini
manager-batch = Chiusura
manager-settings = Impostazioni
receipts-number = N. scontrino
receipts-date = Data (gg/mm/aaaa)
receipts-amount = Importo
receipts-last4 = Ultime 4 cifre carta
receipts-search = Cerca
receipts-none = Nessuno scontrino corrisponde.
receipts-pick = Scegli uno scontrino per vederlo.
receipts-reprint = Ristampa (COPIA)
receipts-reprinted = Scontrino { $number } ristampato come copia { $copy }.
receipts-bad-date = Scrivi la data come 23/11/2026.
batch-x-title = Lettura parziale X (dall'ultima chiusura)
batch-range = Scontrini da { $first } a { $last }
batch-empty = Nessuno scontrino dall'ultima chiusura.
batch-sales = Vendite
batch-refunds = Resi
batch-card-count = Carta ({ $count })
batch-expected-cash = Contanti attesi nel cassetto
batch-counted = Contanti contati
batch-close = Chiusura giornaliera (Z)
batch-confirm = Chiudere adesso? I totali diventano un report Z e inizia una nuova sessione. Non si può annullare.
batch-close-confirm = Sì, chiudi
batch-closed = Chiusura { $number } eseguita.
batch-z-print = Stampa Z
batch-z-saved = Z { $number } salvato come { $path }
batch-z-printed = Z { $number } stampato e salvato come { $path }
batch-z-not-printed = Z { $number } è registrato e salvato come { $path }, ma non è stato stampato: { $reason }
batch-history = Chiusure eseguite
batch-closure = Z { $number } · { $date }
batch-diff-none = i contanti corrispondono
batch-diff-short = mancano contanti: { $amount }
batch-diff-over = contanti in eccesso: { $amount }
settings-shop-name = Nome del negozio
settings-vat-number = Partita IVA
settings-address = Indirizzo
settings-language = Lingua
settings-idle-lock = Blocca dopo questi secondi di inattività (0 = mai)
settings-max-quantity = Chiedi prima di battere più di tanti pezzi o kg (0 = mai)
settings-save = Salva impostazioni
settings-saved = Impostazioni salvate.
category-dairy = Latticini
category-bakery = Panetteria
category-produce = Frutta e verdura
category-pantry = Dispensa
category-drinks = Bevande
category-household = Casa
category-books = Giornali e libri
category-various = Varie
price-open = prezzo libero
category-care = Cura persona

## Card payment, split, deferred receipts, terminal status (GUI)
action-defer = Differito
action-deferred-list = Scontrini differiti
manager-deferred = Scontrini differiti
boot-recovering = Avvio: verifica con il terminale dei pagamenti rimasti aperti…
boot-unknown-attempts = { $count ->
    [one] 1 pagamento con carta con esito sconosciuto
   *[other] { $count } pagamenti con carta con esito sconosciuto
} — responsabile: vedere l'indicatore del terminale
defer-sending = Invio della vendita al terminale come scontrino differito…
defer-sent = Inviato al terminale { $terminal } come scontrino differito n. { $id }. Il cliente paga lì; si può iniziare una nuova vendita.
deferred-title = Scontrini differiti
deferred-none = Nessuno scontrino differito.
deferred-waiting = in attesa
deferred-paid = pagato
deferred-expired = scaduto
deferred-cancelled = annullato
deferred-refresh = Chiedi ora al terminale
deferred-refreshing = Richiesta al terminale…
deferred-expire = Segna come scaduto
deferred-cancel = Annulla
deferred-confirm = Sì, procedi
deferred-confirm-expire = Segnare questo scontrino differito come scaduto? Non sarà più pagabile sul terminale. Premere «Sì, procedi».
deferred-confirm-cancel = Annullare questo scontrino differito? La vendita non sarà pagata. Premere «Sì, procedi».
deferred-unmatched-title = Esiti del terminale da verificare da un responsabile: nessuno è stato registrato né confermato al terminale. Confrontare ciascuno con il giornale del terminale.
deferred-unmatched-row = { $terminal } { $reference }: { $outcome } (visto { $times } volte) — { $evidence }
deferred-not-reached = Il terminale { $terminal } non è stato interrogato: { $reason }
deferred-outcome-approved = approvato { $amount }
deferred-outcome-declined = rifiutato
deferred-outcome-cancelled = annullato
diag-title = Diagnostica
diag-terminal = Terminale: { $name } ({ $protocol })
diag-demo-protocol = ECR17, simulato nel registratore
diag-configured = terminale configurato
diag-status = Ultima risposta: TID { $tid }, stato { $code } { $text }, software { $release }
diag-open-attempts = Tentativi di pagamento aperti
diag-attempt = { $when } · { $terminal } · { $amount } · { $state } · { $note }
diag-events = Eventi del pagamento in corso
diag-none = Nessuno.
diag-host-up = Il collegamento del terminale con la banca è attivo
diag-acknowledged = Il terminale ha confermato la richiesta
exit-during-payment = È in corso un pagamento con carta. Se chiudi ora, sarà verificato al prossimo avvio.
exit-stay = Tieni aperto
exit-anyway = Chiudi comunque
pay-title = Pagamento con carta sul terminale { $terminal }
pay-amount = Importo
pay-opening = Preparazione della vendita…
pay-connecting = Connessione al terminale…
pay-sent = Inviato al terminale…
pay-insert-card = Inserire, avvicinare o strisciare la carta
pay-enter-pin = Digitare il PIN
pay-authorising = Autorizzazione in corso…
pay-host-down = Il terminale non è collegato alla banca
pay-retrying = Ripetizione del messaggio al terminale…
pay-result = Esito ricevuto…
pay-recovering = La risposta è andata persa — verifica con il terminale…
pay-approved = Approvato
pay-approved-booking-pending = Approvato — registrazione in sospeso
pay-booking-pending-help = Il cliente ha pagato. La cassa non ha ancora potuto registrarlo e riprova da sola; non prendere un altro pagamento.
pay-book-now = Registra ora
pay-declined = Rifiutato: { $reason }
pay-cancelled = Annullato: { $reason }
pay-no-reason = nessun motivo indicato
pay-reason-code = codice { $code }
pay-failed = Non inviato al terminale — nessun addebito.
pay-unknown = Esito sconosciuto — il cliente potrebbe essere già stato addebitato
pay-unknown-help = Guardare lo schermo del terminale o il suo scontrino prima di fare qualsiasi cosa. Non ripetere il pagamento. Invio richiede di nuovo al terminale; un responsabile (F12) può decidere in base allo scontrino.
pay-details-hide = Nascondi dettagli
pay-details-show = Dettagli
pay-checking = Chiediamo al terminale com’è finito il pagamento…
pay-evidence = Elementi: { $note }
pay-terminal-says = Il terminale mostra: { $text }
pay-timer = { $time }
pay-try-again = Riprova
pay-other-tender = Altro pagamento (contanti)
pay-cancel-on-terminal = Per interrompere, annulla sul terminale.
pay-cannot-leave = Il pagamento è sul terminale; attendi la risposta.
pay-wait = Chiedi di nuovo al terminale
pay-resolve = Risolvi a mano (responsabile)
pay-resolve-by = Risoluzione di { $name }
pay-resolve-help = Controlla prima lo scontrino o il giornale del terminale. La scelta viene registrata.
diag-confirm-approved = Premete di nuovo F10 per registrare il pagamento scelto come approvato. Controllate prima lo scontrino del terminale.
diag-confirm-not-charged = Premete di nuovo F5 per registrare il pagamento scelto come non addebitato. Controllate prima lo scontrino del terminale.
pay-resolve-approved = Il terminale l'ha approvato
pay-resolve-not-charged = Nessun addebito
pay-resolved-not-charged = risolto a mano: nessun addebito
receipt-print = Stampa
receipt-printed = Inviato alla stampante.
receipt-save-pdf = Salva PDF
receipt-pdf-saved = Salvato come { $path }
split-title = Pagamento diviso
split-part = Prima parte
split-help = Digita la prima parte. F9: quella in contanti, il resto con carta. F10: quella con carta, il resto in contanti.
split-cash-first = Parte in contanti, resto con carta
split-card-first = Parte con carta, resto in contanti
split-part-range = La parte deve essere maggiore di zero e minore di { $due }.
status-unknown = ? { $count ->
    [one] 1 pagamento sconosciuto
   *[other] { $count } pagamenti sconosciuti
}
terminal-checking = { $name }: verifica…
terminal-ready = { $name }: pronto
terminal-not-ready = { $name }: non pronto
terminal-busy = { $name }: occupato
terminal-outcome-open = { $name }: esito di un pagamento in sospeso
terminal-offline = { $name }: non raggiungibile

# Batch close with the terminal
batch-confirm-terminal = Chiudere il lotto adesso? Il terminale chiude il suo lotto e i totali qui sopra diventano un rapporto Z; inizia un nuovo lotto. Non si può annullare.
batch-confirm-register-only = Chiudere solo il lotto della cassa? Il lotto del terminale resta aperto e va chiuso sul terminale stesso. Non si può annullare.
batch-close-register-only = Chiudi solo la cassa
batch-terminal-failed = Il lotto del terminale non si è chiuso, quindi non è stato chiuso nulla: { $reason }
batch-terminal-title = Terminale { $name }
batch-terminal-asking = Richiesta dei totali al terminale…
batch-terminal-unreachable = impossibile leggere i totali del terminale: { $reason }
batch-terminal-refused = il terminale ha rifiutato ({ $code }): { $reason }
batch-terminal-total = Totale carte del terminale
batch-register-card = Totale carte della cassa (con mance)
batch-terminal-match = terminale e cassa concordano
batch-terminal-more = il terminale ha { $amount } in più della cassa
batch-terminal-less = il terminale ha { $amount } in meno della cassa
batch-history-terminal = Terminale { $name }
batch-history-host = Totale della banca

# Diagnostics: the terminal's settings and attempt states
diag-config = Protocollo { $protocol } · indirizzo { $addr } · TID { $tid }
diag-wire-title = Registro del protocollo
diag-wire-help = Ciò che è andato e venuto dal terminale, i più recenti in fondo. Numeri di carta e password sono mascherati.
diag-wire-empty = Ancora nessuno scambio con il terminale.
diag-config-asking = Lettura delle impostazioni del terminale…
diag-config-failed = impossibile leggere le impostazioni del terminale: { $reason }
attempt-state-prepared = preparato, nulla inviato
attempt-state-sent = inviato, in attesa del terminale
attempt-state-approved = approvato
attempt-state-declined = rifiutato
attempt-state-cancelled = annullato
attempt-state-unknown = esito sconosciuto
attempt-state-failed = non riuscito, nessun addebito

## settings: users, vat, printer, terminals
settings-section-shop = Negozio
settings-section-vat = IVA
settings-section-users = Utenti
settings-section-printer = Stampante
settings-section-terminals = Terminali
settings-cancel = Annulla
settings-users-title = Utenti e PIN
settings-user-name = Nome
settings-user-role = Ruolo
settings-user-state = Stato
settings-user-active = attivo
settings-user-inactive = disattivato: non può accedere
settings-user-change-pin = Cambia PIN
settings-user-deactivate = Disattiva
settings-user-reactivate = Riattiva
settings-user-add-title = Nuovo utente
settings-user-pin = PIN (da 4 a 8 cifre)
settings-user-pin-again = Lo stesso PIN di nuovo
settings-user-add = Aggiungi utente
settings-user-new-pin-title = Nuovo PIN per { $name }
settings-user-save-pin = Salva PIN
settings-user-added = { $name } è stato aggiunto e può accedere con il nuovo PIN.
settings-user-pin-changed = Il PIN di { $name } è stato cambiato.
settings-user-deactivated = { $name } non può più accedere.
settings-user-reactivated = { $name } può di nuovo accedere.
settings-user-locked = bloccato: troppi PIN errati
settings-user-unlock = Sblocca
settings-user-unlocked = { $name } può di nuovo provare il PIN.
settings-vat-title = Aliquote IVA
settings-market = Mercato
settings-market-greece = Grecia
settings-market-italy = Italia
settings-market-saved = Mercato salvato: gli scontrini usano ora le sue aliquote IVA.
settings-vat-letter = Classe
settings-vat-rate = Aliquota
settings-vat-products = Articoli
settings-vat-other = { $count ->
    [one] 1 articolo ha
   *[other] { $count } articoli hanno
} un'aliquota IVA che non è in questa tabella ({ $rates }). Spostali in una delle sue classi.
settings-vat-move-title = Sposta tutti gli articoli di una classe in un'altra
settings-vat-from = Da
settings-vat-to = A
settings-vat-move = Sposta articoli
settings-vat-pick = Scegli la classe di partenza e quella di arrivo.
settings-vat-confirm = { $count ->
    [one] 1 articolo verrà spostato
   *[other] { $count } articoli verranno spostati
} da { $from } a { $to }. Gli scontrini già emessi mantengono la loro IVA. Spostarli ora?
settings-vat-confirm-yes = Sì, sposta
settings-vat-moved = { $count ->
    [one] 1 articolo spostato
   *[other] { $count } articoli spostati
} da { $from } a { $to }.
settings-printer-title = Stampante scontrini
settings-printer-address = Stampante: host:porta (porta 9100 se omessa) o un dispositivo come /dev/usb/lp0; vuoto = nessuna stampante
settings-printer-paper = Carta
settings-printer-save = Salva stampante
settings-printer-test = Stampa di prova
settings-printer-test-sent = La pagina di prova è stata stampata su { $printer }.
print-test-title = STAMPA DI PROVA
print-test-body = La stampante funziona. Carta { $paper }.
settings-terminals-title = Terminali di pagamento (POS)
settings-terminal-name = Nome
settings-terminal-protocol = Protocollo
settings-terminal-addr = Indirizzo
settings-terminal-tid = TID
settings-terminal-default = Pagamenti con carta qui
settings-terminal-demo = terminale dimostrativo integrato
settings-terminal-make-default = Rendi predefinito
settings-terminal-test = Verifica connessione
settings-terminal-pair = Abbina
settings-terminal-testing = Verifica di { $name }…
settings-terminal-status = { $name }: terminale { $tid }, { $status }, software { $release }
settings-terminal-ready = pronto
settings-terminal-not-ready = non pronto
settings-terminal-add-title = Nuovo terminale
settings-terminal-addr-hint = Indirizzo HOST:PORTA
settings-terminal-tid-hint = Codice terminale (TID)
settings-terminal-environment = Server
settings-terminal-base-url = Indirizzo di un altro server (vuoto per quello scelto sopra)
settings-terminal-username = Utente
settings-terminal-password = Password
settings-terminal-use-default = Usalo per i pagamenti con carta
settings-terminal-add = Aggiungi terminale
settings-terminal-added = Il terminale { $name } è stato aggiunto.
settings-terminal-pair-code = Codice di abbinamento: le 8 cifre sullo schermo di { $name }
settings-terminal-paired = { $name } è abbinato al terminale { $tid }.
settings-terminal-default-saved = I pagamenti con carta vanno ora a { $name }.
settings-terminal-not-paired = non ancora abbinato
err-user-name-empty = Un utente deve avere un nome.
err-user-name-taken = Esiste già un utente di nome { $name }.
err-pin-digits = Il PIN è fatto solo di cifre.
err-pin-length = Il PIN ha da 4 a 8 cifre.
err-pins-differ = I due PIN non sono uguali. Digita il nuovo PIN due volte.
err-last-manager = { $name } è l'ultimo responsabile e resta attivo: aggiungi prima un altro responsabile.
err-vat-same = Scegli due classi IVA diverse.
err-vat-not-legal = { $rate } % non è un'aliquota IVA di questo mercato.
err-pairing-code-format = Il codice di abbinamento è fatto dalle 8 cifre mostrate dal terminale.
err-pairing-code-refused = Il terminale non ha accettato il codice: è sbagliato, già usato o più vecchio di 15 minuti. Chiedi un nuovo codice al terminale e digitalo di nuovo.
err-terminal-name = Un terminale deve avere un nome, diverso da «demo».
err-terminal-name-taken = Esiste già un terminale di nome { $name }.
err-terminal-addr = Digita l'indirizzo del terminale come HOST:PORTA, per esempio 192.168.1.50:8081.

## refunds and support bundle
refund-err-not-a-sale = Lo scontrino { $number } è già esso stesso un reso.
refund-err-already = Lo scontrino { $number } è già stato rimborsato.
refund-err-pending = Un rimborso dello scontrino { $number } è ancora in verifica con il terminale. Risolvilo prima dalla Diagnostica.
refund-err-changed = Alcuni di questi articoli dello scontrino { $number } sono stati resi nel frattempo (a un'altra cassa). Nulla è stato inviato al terminale: sceglieteli di nuovo.
refund-err-cannot = Il terminale { $terminal } non può rimborsare questo pagamento. Rimborsalo sul terminale stesso o in contanti.
refund-err-not-last = Il terminale { $terminal } può stornare solo la sua ultima operazione. Rimborsalo sul terminale stesso o in contanti.
refund-err-batch-closed = Il terminale { $terminal } ha chiuso la sessione dopo questo pagamento: non si può più stornare. Usa il rimborso.
refund-err-no-card = Questo pagamento con carta non è passato da un terminale di questa cassa. Rimborsalo sul terminale stesso o in contanti.
refund-button = Rimborso
refund-void-button = Storno sul terminale
refund-cash-button = Rimborso in contanti
refund-ask-card = Rimborsare { $amount } sulla carta •••• { $last4 } con il terminale { $terminal }?
refund-ask-void = Stornare { $amount } sulla carta •••• { $last4 } con il terminale { $terminal }?
refund-ask-cash = Rimborsare { $amount } in contanti?
refund-ask-and-cash = Si restituiscono anche { $amount } in contanti.
refund-yes = Sì, procedi
refund-no = No
refund-working = Rimborso in corso con il terminale…
refund-done = Rimborsato: emesso lo scontrino di reso { $number } per { $amount }.
refund-declined = Il terminale ha rifiutato il rimborso: { $reason }. Non è cambiato nulla.
refund-failed = Nulla ha raggiunto il terminale: { $reason }. Non è cambiato nulla.
refund-unknown = Verifica con il terminale… L'esito del rimborso non è ancora noto, quindi lo scontrino non è segnato come rimborsato. Sarà risolto dalla Diagnostica o al prossimo avvio.
refund-refunded = rimborsato
support-export = Esporta pacchetto di assistenza
support-written = Pacchetto di assistenza salvato: { $path }
support-failed = Impossibile scrivere il pacchetto di assistenza: { $reason }
cli-support-written = Pacchetto di assistenza scritto in { $path }

## terminals: remove
err-terminal-unknown = Non esiste un terminale di nome { $name }.
err-terminal-open-payments = Il terminale { $name } ha un pagamento con esito ancora sconosciuto: risolvilo prima (Diagnostica).
err-terminal-waiting-preloads = Il terminale { $name } ha scontrini differiti ancora in attesa: chiudili prima (Scontrini differiti).
settings-terminal-remove = Rimuovi
settings-terminal-remove-confirm = Rimuovere il terminale { $name }? Le sue impostazioni e la password salvata vengono eliminate; gli scontrini già pagati restano.
settings-terminal-remove-yes = Sì, rimuovi
settings-terminal-removed = Terminale { $name } rimosso.
cli-terminal-removed = Terminale { $name } rimosso.

## Tips, the demo terminal on paper, journalled batch closes
receipt-demo-terminal = TERMINALE DIMOSTRATIVO — NESSUN ADDEBITO REALE SULLA CARTA
receipt-resolved-by-hand = Esito deciso a mano da { $name }
receipt-tip = Mancia
receipt-card-charged = Totale carta con mancia
print-tips = Mance
print-card-charged = Totale carte con mance
print-card-check-register = Totale carte della cassa (con mance)
print-card-check-terminal = Totale lotto del terminale
print-card-check-match = I totali carte coincidono
print-card-check-difference = Terminale meno cassa
err-batch-close-unanswered = Al terminale { $terminal } è stata chiesta la chiusura del lotto, ma la sua risposta è andata persa: potrebbe averlo chiuso. Non gli verrà chiesto di nuovo. Controllare l'ultimo scontrino di chiusura del terminale, poi registrare se ha chiuso (tameio batch resolve).
err-batch-close-unfinished = Una chiusura del lotto con il terminale { $terminal } non è terminata: la risposta del terminale è andata persa. Registrare se il terminale ha chiuso (tameio batch resolve) prima di chiudere di nuovo.
cli-batch-closes-none = Nessuna chiusura del lotto in attesa.
cli-batch-close-waiting = Chiusura del lotto { $request } con il terminale { $terminal }, chiesta il { $when } da { $name }: la risposta del terminale è andata persa ({ $note }).
cli-batch-close-resolved = Chiusura del lotto { $request } registrata come non chiusa sul terminale; non è stato emesso nulla.
err-frame-not-hex = La cattura non è esadecimale ({ $detail }). Scrivi i suoi byte in esadecimale, per esempio 02 33 37 03.
err-frame-empty = Non c'è niente da decodificare: indica i byte catturati in esadecimale.
err-frame-protocol = Nessun decodificatore di frame per «{ $protocol }»: usa ecr17, aade1155, webecr o nexo.
err-frame-too-long = La cattura supera { $limit } caratteri.
err-cli-usage = Il comando non è corretto (il dettaglio è qui sotto; vedi anche tameio --help).

## First run
first-run-title = Benvenuti in tameio: configuriamo questa cassa
first-run-language = 1 · Lingua
first-run-shop = 2 · Il negozio
first-run-finish = 3 · Terminale
first-run-vat-number = Partita IVA (o ΑΦΜ greco)
first-run-register-id = Codice cassa
first-run-next = Avanti
first-run-back = Indietro
first-run-stay-demo = Resta in demo
first-run-vat-bad = Questa partita IVA non è valida: controlla le cifre (Partita IVA: 11 cifre, ΑΦΜ: 9 cifre).
first-run-name-missing = Inserisci il nome del negozio.
first-run-register-missing = Inserisci un codice per questa cassa.
first-run-vat-missing = Manca: la Partita IVA. Gli scontrini non la riportano finché non viene aggiunta in Impostazioni · Negozio.
first-run-vat-needed = Un terminale reale richiede la Partita IVA del negozio: torna indietro (Esc) e inseriscila.
first-run-demo-note = I pagamenti con carta vanno al terminale demo: non si muove denaro vero.
first-run-terminal-later = Oppure aggiungi ora il tuo terminale: prima si cambiano i PIN demo, poi il terminale si aggiunge, si prova o si abbina in Impostazioni · Terminali.
first-run-add-terminal = Aggiungi il mio terminale
first-run-pins = 4 · PIN vostri
first-run-pins-why = Un terminale reale si aggiunge solo dopo aver cambiato i PIN demo (Maria 1111, Nikos 9999).
first-run-manager-pin = Nuovo PIN del responsabile (Nikos)
first-run-cashier-pin = Nuovo PIN del cassiere (Maria)
first-run-pin-again = Di nuovo lo stesso PIN
first-run-manager-pins-differ = I due PIN del responsabile sono diversi: digita di nuovo il secondo.
first-run-cashier-pins-differ = I due PIN del cassiere sono diversi: digita di nuovo il secondo.
first-run-pins-save = Salva i PIN e continua
settings-first-run = Ripeti la configurazione iniziale

## Certification run (terminal certify)
certify-title = Rapporto di certificazione del terminale
certify-step-status = Stato del terminale
certify-step-sale = Vendita approvata
certify-step-void-last = Storno dell'ultima vendita
certify-step-decline = Vendita rifiutata
certify-step-lost-link = Connessione persa durante un pagamento
certify-step-recover = Recupero al ritorno della connessione
certify-step-totals = Totali del terminale
certify-step-batch-close = Chiusura contabile
certify-do-status = Accendete il terminale e lasciatelo sulla schermata principale.
certify-do-sale = La cassa chiede { $amount }. Pagate con una carta di test che la banca approva.
certify-do-void-last = La cassa storna la vendita approvata. Confermate sul terminale se lo chiede.
certify-do-decline = La cassa chiede { $amount }. Usate una carta di test che la banca rifiuta.
certify-do-lost-link = La cassa chiede { $amount }. Quando il terminale chiede la carta, staccate il cavo di rete (o spegnete il Wi-Fi) e completate il pagamento sul terminale se può.
certify-do-recover = Ricollegate il cavo e attendete la schermata principale del terminale. La cassa chiede poi al terminale che fine ha fatto il pagamento.
certify-do-totals = La cassa legge i totali del terminale.
certify-do-batch-close = La cassa esegue la chiusura contabile del terminale: i pagamenti con carta vanno alla banca.
certify-sim-note = Il simulatore di tameio non richiede nulla: i centesimi scelgono cosa fa (,61 rifiuta, ,64 perde la risposta).
certify-passed = superato
certify-failed = NON SUPERATO
certify-skipped = saltato
certify-not-offered = non previsto da questo protocollo
certify-not-offered-detail = Questo protocollo non ha questa operazione.
certify-skipped-by = Saltato da { $name }.
certify-status-detail = Terminale { $tid }: { $status }.
certify-status-software = Software { $release }.
certify-outcome-approved = { $amount } approvato, autorizzazione { $code }, { $reference }.
certify-outcome-declined = { $amount } rifiutato: { $reason }.
certify-outcome-cancelled = { $amount } annullato: { $reason }.
certify-outcome-open = { $amount }: esito non ancora noto; il pagamento resta aperto e non è stato rinviato.
certify-outcome-failed = { $amount } non ha raggiunto il terminale: { $reason }.
certify-decline-was-approved = La banca l'ha approvato: usate una carta che rifiuta e stornate questo pagamento.
certify-void-no-sale = Nessuna vendita approvata da stornare: eseguite prima la vendita approvata.
certify-recover-nothing = Nessun pagamento ha perso la connessione: eseguite prima il passo precedente.
certify-recover-already = Già definito durante il pagamento: { $outcome }
certify-recover-open = Ancora aperto: decide un responsabile (tameio attempt resolve { $id }).
certify-recover-none = Questo protocollo non può chiedere al terminale di un pagamento perso: un responsabile guarda lo scontrino del terminale e decide (tameio attempt resolve { $id }).
certify-lost-kept = La cassa lo ha tenuto aperto invece di indovinare.
certify-lost-not-lost = La connessione non si è persa: staccate il cavo mentre il terminale attende la carta e ripetete il passo.
certify-lost-recovered = La cassa ha chiesto al terminale e lo ha definito senza rinviare il pagamento.
certify-totals-detail = Il terminale riporta un totale di { $total }.
certify-close-detail = Chiusura eseguita, totale { $total }.
certify-terminal = Terminale
certify-address = Indirizzo
certify-terminal-id = ID terminale
certify-register = Cassa
certify-technician = Eseguito da
certify-started = Inizio
certify-software = Software
certify-summary = Risultato
certify-summary-value = { $passed } passi su { $steps } superati, { $failed } non superati
certify-step = Passo
certify-result = Risultato
certify-at = Ora
certify-attempt = Tentativo di pagamento
certify-log = Log del protocollo (numeri di carta mascherati):
certify-saved = Rapporto salvato: { $path }
certify-press = Invio: esegui il passo · s: saltalo · q: fine
certify-stopped = Interrotto prima della fine; il rapporto contiene i passi eseguiti.
certify-running = In corso: { $step }…
certify-run-step = Esegui il passo
certify-skip-step = Salta
certify-stop = Termina la prova
certify-close = Chiudi
settings-terminal-certify = Certifica

## frame decode: catture WebECR (JSON)
err-frame-not-json = La cattura WebECR non è JSON ({ $detail }). Indica il corpo della risposta o un file che lo contiene.
err-frame-file = Il file della cattura non si può leggere ({ $detail }).

## AADE 1155 key set-up (tameio terminal keys, Settings · Terminals)
cli-terminal-keys-master = { $name }: chiave master conservata nel file dei segreti.
cli-terminal-keys-echo = { $name }: il terminale ha risposto all'echo di inizializzazione ({ $text }, terminale { $tid }).
cli-terminal-keys-session = { $name }: nuova chiave di sessione caricata (valore di controllo { $kcv }).
settings-terminal-keys = Chiavi
settings-terminal-keys-master = Chiave master (32 cifre esadecimali; vuota: quella conservata)
settings-terminal-keys-run = Echo e caricamento chiave di sessione
settings-terminal-keys-running = Impostazione delle chiavi di { $name }…
settings-terminal-keys-done = { $name }: il terminale ha risposto all'echo di inizializzazione e ha accettato una nuova chiave di sessione (valore di controllo { $kcv }).

## Manager side of a day (issue 13): receipts list, copies, refund pane, keys
receipts-by-hand = risolto a mano
receipts-print-copy = Stampa una copia
receipts-pdf-copy = Salva una copia in PDF
refund-card-button = Reso sulla carta
refund-why-cannot = Il terminale { $terminal } non può rimborsare questo pagamento.
refund-why-not-last = Il terminale { $terminal } può stornare solo la sua ultima transazione.
refund-why-no-card = Questo pagamento con carta non è stato preso da un terminale di questa cassa.
refund-advice = Rimborsalo sul terminale stesso o in contanti.
# What a terminal cannot do, in err-not-supported (op- and the driver's words joined by -)
op-preloaded-receipts = scontrini differiti
op-preloaded-receipts-in-protocol-version-01 = scontrini differiti (protocollo versione 01)
op-totals = totali della sessione
op-batch-close = chiusura della sessione
op-receipt-reprint = copia dell'ultimo scontrino carta
op-collecting-results = raccolta dei risultati
op-refund = resi
pay-failed-busy = Il terminale è occupato e non ha accettato il pagamento — nessun addebito. Riprovare quando è libero.
pay-failed-refused = Il terminale non ha accettato la richiesta — nessun addebito.
diag-attempt-line = { $when } · { $kind } { $amount } su { $terminal } · { $state } · { $of }
diag-attempt-order = ordine { $order }, ancora senza scontrino
diag-attempt-receipt = ordine { $order }, scontrino { $receipt }
diag-attempt-no-order = nessun ordine (una prova o un pagamento da riga di comando)
diag-evidence = Dati dal terminale (tecnici): { $note }
diag-operational = pronto per i pagamenti
diag-kind-payment = pagamento
diag-kind-refund = reso
diag-kind-void = storno
print-batch-terminal-id = ID terminale
print-batch-result = Esito
print-batch-closed = chiusa
print-batch-refused = rifiutata: { $reason }
print-batch-terminal-total = Totale terminale
print-batch-host-total = Totale host
print-batch-slip = Scontrino di chiusura del terminale
refund-err-too-much = È più di quanto resta da rendere di { $line } su questo scontrino.
refund-err-nothing = Scegliere almeno una riga e la quantità da rendere.
refund-err-void-whole = Uno storno annulla tutto il pagamento con carta: fare il reso delle righe.
refund-err-quantity = La quantità scritta per { $line } non è un numero di pezzi o di chili.
refund-pick-button = Reso di articoli…
refund-pick-back = Tutto lo scontrino
refund-pick-title = Articoli da rendere
refund-pick-help = ↑ ↓ scegliere un articolo, scrivere quanti (* = tutto quel che resta), poi F10 sulla carta o F9 in contanti.
refund-pick-left = restano da rendere: { $quantity }
refund-pick-total = Da rendere: { $amount }
refund-ask-lines = Rendere { $lines }.
refund-part-refunded = reso parziale
refund-pick-help-cash = ↑ ↓ scegliere un articolo, scrivere quanti (* = tutto quel che resta), poi F9 per rendere in contanti.
deferred-no-preload = Il terminale { $terminal } non accetta scontrini differiti, quindi la cassa non offre F8 per esso.

## myDATA link of card payments (fiscal mode, keys, ECR-token key exchange)
cli-fiscal-mode = Collegamento dei pagamenti con carta a myDATA: { $mode }
cli-fiscal-key-set = { $name }: impostata
cli-fiscal-key-unset = { $name }: non impostata
cli-fiscal-bound = Chiave di sessione scambiata con { $terminal } (KCV { $kcv }).
settings-fiscal-mode = Pagamenti con carta verso myDATA
settings-fiscal-none = Nessun collegamento
settings-fiscal-provider = Fornitore di fatturazione elettronica
settings-fiscal-device = Dispositivo fiscale

## Checkout side of a day (issue 13): parked sales, quantity checks, keys on every button
quantity-confirm = Quantità { $quantity }: più di { $max }. { $enter }: sì, è giusta · { $esc }: no
quantity-confirm-short = Quantità { $quantity }?
weigh-not-count = Articolo a peso: { $quantity } non è il peso. Digitare il peso in kg, poi Enter.
void-last-confirm = Stornare { $name }? La vendita resterà vuota. { $enter }: storna · { $esc }: mantieni
void-last-short = Stornare l'ultima riga?
park-done = Vendita sospesa con il n. { $number }. Con la vendita vuota, { $key } la richiama.
park-none = Nessuna vendita sospesa.
park-pick = Scegliere una vendita sospesa: { $up } { $down }, poi { $enter }. { $esc }: indietro.
park-recalled = La vendita sospesa è tornata.
park-gone = Questa vendita sospesa è già stata richiamata (da un'altra cassa?).
park-list-title = Vendite sospese
park-row = N. { $number } · { $owner } · { $at } · { $count ->
    [one] 1 riga
   *[other] { $count } righe
}
park-by-lock = Sospesa al blocco della cassa
park-resumed = La sua vendita di prima del blocco è tornata.
park-handed-back = Pagamento con carta non addebitato (decisione del responsabile): la vendita attende il pagamento
pay-sale-returned = La vendita non è stata addebitata: torna a { $name } come vendita sospesa (torna al prossimo accesso; un responsabile la richiama con F3).
action-park = Sospendi vendita
action-recall = Vendite sospese
signin-pick-user-keys = Scegliere il proprio nome ({ $up } { $down }), poi digitare il PIN e { $enter }.
signin-button-key = { $key } · Accedi

## nexo Retailer (PAX / Swedbank Pay), issue 14
err-frame-not-nexo = La cattura nexo non è un messaggio XML nexo ({ $detail }). Indica il corpo XML (SaleToPOIRequest o SaleToPOIResponse) o un file che lo contiene.

## nexo in the GUI (issue 14): adding a nexo terminal, cancelling a payment from the register
settings-nexo-addr-hint = Indirizzo del terminale HOST:PORTA (porta 11000 se non indicata)
settings-nexo-poiid = POIID
settings-nexo-mode = Integrazione
settings-nexo-light = Light
settings-nexo-full = Completa (il terminale parla con la cassa)
settings-nexo-listen = Indirizzo di ascolto della cassa IP:PORTA (vuoto: 0.0.0.0:11000)
settings-nexo-confirm-signature = Accetta la firma del cliente senza chiedere
settings-nexo-currency = Valuta (vuoto: EUR)
settings-nexo-sale-id = Sale ID (vuoto: il codice di questa cassa)
settings-nexo-bad-addr = L'indirizzo del terminale deve essere HOST o HOST:PORTA, ad esempio 192.168.1.20:11000.
settings-nexo-bad-poiid = Inserisci il POIID: il codice con cui il fornitore dei pagamenti conosce questo terminale (da 1 a 32 caratteri, senza spazi).
settings-nexo-bad-listen = L'indirizzo di ascolto deve essere IP:PORTA, ad esempio 0.0.0.0:11000.
settings-nexo-bad-currency = La valuta deve essere di tre lettere, ad esempio EUR.
settings-nexo-bad-sale-id = Il Sale ID può avere fino a 32 caratteri, senza spazi.
pay-cancel = Annulla pagamento
pay-cancelling = Annullamento sul terminale…
pay-cancel-failed = Il terminale non ha accettato l'annullamento ({ $reason }). Il pagamento continua; riprova o annulla sul terminale.

## La firma del titolare della carta (nexo)
signature-check = Controllare la firma del cliente
signature-copy = Copia esercente
signature-help-reverse = La carta è stata approvata e il terminale chiede la firma sulla copia esercente. Confrontarla con la carta. Invio: corrisponde, la vendita prosegue. F5: non corrisponde; il pagamento viene stornato sul terminale.
signature-help-terminal = Il terminale attende: la firma sulla copia esercente corrisponde alla carta? Invio: sì. F5: no; il terminale rifiuta il pagamento.
signature-leave = Prosegui: se ne occupa un responsabile
signature-ok = La firma corrisponde
signature-refuse = Non corrisponde
signature-reversing = Storno del pagamento sul terminale…
signature-reversed = Pagamento stornato: nessun addebito. Lo scontrino { $number } annulla la vendita.
signature-reversed-help = La vendita è di nuovo sullo schermo com'era: incassare in altro modo o annullarla. Il contante ricevuto per essa torna al cliente.
signature-reversal-unknown = L'esito della restituzione non è ancora noto: non incassare di nuovo questa vendita. Invio chiede di nuovo al terminale; un responsabile può decidere in Diagnostica (Ctrl+T).
signature-reversal-failed = Il pagamento non è stato stornato ({ $reason }): resta valido. Riprovare con F5, o proseguire con Invio e lasciarlo a un responsabile (Scontrini).
signature-too-late = Il terminale non attendeva più la risposta; decide da solo sul pagamento.
signature-err-none = Questo pagamento non ha chiesto alcuna firma.
signature-cli-refused = Firma rifiutata: storno del pagamento.
print-declined-slip = CARTA RIFIUTATA
pay-print-slip = Stampa lo scontrino del cliente
pay-slip = Lo scontrino del terminale
pay-slip-printed = Lo scontrino è stato inviato alla stampante.
pay-aborted-by-cashier = su vostra richiesta, sul terminale. Nessun addebito.
deferred-pick-first = Scegliere prima uno scontrino precaricato ancora in attesa (↑ ↓).
exit-during-signature = La firma del cliente non è ancora stata controllata. Se chiudi ora, il pagamento resta approvato; un responsabile può stornarlo da Scontrini.
signature-reversed-pending = Restituito sul terminale: nessun addebito sulla carta.
boot-unchecked-signatures = La firma del cliente non è stata confermata per lo scontrino { $receipts } e il pagamento non è stato stornato (tameio si è chiuso durante il controllo o il terminale non ha potuto stornarlo). Confrontare la copia esercente con la carta; se non corrisponde, un responsabile annulla o rimborsa lo scontrino (Scontrini).
signature-reversal-not-sent = la richiesta non è arrivata al terminale

## Issue 21, anni di vendite: avanzamento di db check e --quick
cli-db-phase-integrity = Controllo di integrità SQLite
cli-db-phase-audit = Catena di audit
cli-db-phase-receipts = Sigilli degli scontrini
cli-db-phase-rows = Righe
cli-db-quick-ok = Controllo rapido superato (ultimi { $days } giorni): catena di audit di { $entries } voci intatta, { $receipts } scontrini verificati. Non controllati: il controllo di integrità SQLite, gli scontrini e le voci di audit più vecchi, il controllo riga per riga (per questi: tameio db check).

## The accountant's period report (issue 21, item 3: `report period`, Manager · Reports)
period-title = REPORT DEL PERIODO
period-from = Dal
period-to = Al
period-sales-total = Totale vendite
period-refunds-total = Totale resi
period-vat-sales = Vendite per aliquota IVA
period-vat-refunds = Resi per aliquota IVA
period-vat-net = Vendite meno resi, per aliquota IVA
period-terminals = Terminali POS
period-count = Numero
period-amount = Importo
period-cashiers = Cassieri
period-cashier = Cassiere
period-by-day = Per giorno
period-by-month = Per mese
period-day = Giorno
period-month = Mese
period-net = Totale
period-z-reports = Chiusure giornaliere (Z) nel periodo
period-z = Z
period-no-z = nessuna
period-chart-by-day = Vendite al giorno, al netto dei resi
period-chart-by-month = Vendite al mese, al netto dei resi
period-chart-amount = Importo (€)
manager-reports = Report
reports-from = Dal (giorno)
reports-to = Al (giorno, incluso)
reports-by-day = Per giorno
reports-by-month = Per mese
reports-show = Mostra
reports-pdf = Salva PDF
reports-csv = Salva CSV
reports-saved = Salvato: { $path }
reports-bad-date = Scrivere le date come 01/12/2026 (può seguire un'ora: 01/12/2026 14:30).
reports-empty = Nessuno scontrino in questo periodo.
reports-receipts = Scontrini { $first } – { $last }: { $sales ->
    [one] 1 vendita
   *[other] { $sales } vendite
}, { $refunds ->
    [one] 1 reso
   *[other] { $refunds } resi
}
reports-z-count = Chiusure giornaliere (Z) nel periodo: { $count }

## zday (issue 23 items 1, 2, 7, 8, 23): chiusura del giorno per terminale, cassetto, certificazione a parte, grafico vendite
print-terminal-section = Terminale { $name }
print-terminal-demo = terminale dimostrativo — nessun addebito reale
print-terminal-cards = { $count ->
    [one] 1 pagamento con carta
   *[other] { $count } pagamenti con carta
}
print-terminal-by-hand = { $count ->
    [one] di cui 1 deciso da un responsabile *
   *[other] di cui { $count } decisi da un responsabile *
}
print-terminal-not-closed = Il suo lotto non si chiude con questo Z.
print-close-on-terminal = Il protocollo di questo terminale non prevede la chiusura del lotto: chiudere il lotto sul terminale stesso.
print-opening-float = Fondo cassa
print-cash-net = Contanti meno resi in contanti
print-cash-exact = I contanti coincidono
print-cash-over = Eccedenza di cassa
print-cash-short = Ammanco di cassa
chart-sales-per-hour = Vendite per ora
chart-hour = Ora
batch-float = Fondo cassa (contanti nel cassetto a inizio giornata)
batch-terminal-part = { $name }: { $count ->
    [one] 1 pagamento con carta
   *[other] { $count } pagamenti con carta
}
batch-close-on-terminal = Chiusura giornaliera della cassa (Z)
batch-no-close-in-protocol = Il protocollo di questo terminale non prevede la chiusura del lotto: chiudere il lotto sul terminale stesso. La cassa chiude la propria parte e lo Z lo riporta.
batch-confirm-on-terminal = Chiudere ora la giornata della cassa? I totali qui sopra diventano un report Z; il lotto del terminale va chiuso sul terminale stesso. Non si può annullare.
err-certify-sales-not-in-z = Il terminale { $terminal } ha { $count ->
    [one] 1 pagamento con carta del negozio ({ $amount }) non ancora
   *[other] { $count } pagamenti con carta del negozio ({ $amount }) non ancora
} in uno Z. La certificazione chiude il lotto del terminale: fare prima la chiusura giornaliera (Z), poi avviarla.
certify-close-skipped = Chiusura del lotto saltata: { $reason }

## checkout (issue 23 items 10–15, 17, 18, 20–22): le schermate del cassiere
pay-asked-again = Richiesto di nuovo alle { $time } — esito ancora sconosciuto.
pay-cannot-leave-unknown = L'esito non è ancora noto: chiedi di nuovo al terminale (Invio) o lascia decidere il responsabile in base allo scontrino (F12) prima di uscire.
pay-cannot-leave-booking = Il cliente ha pagato: il pagamento viene registrato; attendi un momento o premi Invio.
pay-cannot-lock = La cassa non si blocca mentre un pagamento è aperto: completalo prima.
pay-not-charged-by = Non addebitato — deciso da { $name }
pay-resolve-auth-code = Codice di autorizzazione dallo scontrino: { $code }
pay-resolve-auth-code-help = Facoltativo: digita il codice stampato sullo scontrino del terminale.
pay-resolve-confirm-approved = Premi di nuovo F10 per registrarlo come approvato.
pay-resolve-confirm-not-charged = Premi di nuovo F5 per registrare che non è stato addebitato.
pay-evidence-earlier = L'ultimo esito del terminale appartiene a un pagamento precedente, quindi questo di { $amount } probabilmente non ha mai raggiunto la carta. Controlla nel giornale del terminale se c'è un pagamento di { $amount } alle { $time }: se non c'è, non è stato addebitato.
pay-evidence-other = Il terminale ha riportato un pagamento che non corrisponde a questo (altro importo o altro terminale). Controlla nel suo giornale se c'è un pagamento di { $amount } alle { $time }: approvato se c'è, non addebitato se no.
pay-evidence-silent = Il terminale non ha saputo dire cosa è successo a questo pagamento di { $amount } alle { $time }. Controlla il suo schermo, il suo giornale o lo scontrino del cliente.
pay-evidence-unclear = La risposta del terminale non dice con certezza se { $amount } sono stati addebitati alle { $time }. Controlla il suo giornale o lo scontrino del cliente: approvato se c'è, non addebitato se no.
sale-done-no-change = Scontrino { $number } emesso.
card-kind-credit = credito
card-kind-debit = debito
card-kind-prepaid = prepagata
card-kind-other = altra carta
diag-no-attempts = Nessun tentativo di pagamento aperto.
diag-no-events = Ancora nessun evento.
signin-pick-first = Scegli prima il tuo nome (↑ ↓ o toccalo), poi digita il PIN.
signin-checking = Verifica del PIN in corso…
split-cash-part = Parte in contanti
split-given-help = Digita quanto ha dato il cliente per la parte in contanti (solo Invio: esattamente quella parte). Il resto si paga con carta. Esc: cambia la parte.
split-given-short = L'importo ricevuto è inferiore alla parte in contanti ({ $part }).
split-take-cash = Incassa i contanti, resto con carta

## Catalogue (issue 22, helper "catalog"): product files and commands, departments
catalog-err-row = Riga { $row }, colonna «{ $column }»: { $reason }. Non è stato cambiato nulla.
catalog-err-field = { $column }: { $reason }. Non è stato cambiato nulla.
catalog-why-missing-column = il file non ha la colonna «{ $value }»
catalog-why-field-count = la riga ha più campi dell'intestazione
catalog-why-bad-plu = «{ $value }» non è un PLU (un numero intero maggiore di 0)
catalog-why-duplicate-plu = il PLU { $value } c'è già
catalog-why-empty-name = il nome è vuoto
catalog-why-bad-barcode = «{ $value }» non è un codice a barre (8, 12 o 13 cifre)
catalog-why-check-digit = la cifra di controllo del codice { $value } è sbagliata
catalog-why-duplicate-barcode = il codice { $value } appartiene già al PLU { $plu }
catalog-why-bad-price = «{ $value }» non è un prezzo (come 0,80)
catalog-why-price-decimals = il prezzo { $value } ha più di due decimali
catalog-why-unknown-vat = «{ $value }» non è un'aliquota IVA di questo mercato
catalog-why-bad-unit = «{ $value }» non è un'unità (piece, kg o l)
catalog-why-bad-active = «{ $value }» non è 1 o 0 (sì o no)
catalog-why-unquoted = una virgoletta è aperta e mai chiusa
cli-product-added = Aggiunto il PLU { $plu }: { $name }, { $price }.
cli-product-changed = PLU { $plu } modificato.
cli-product-unchanged = PLU { $plu }: niente da cambiare.
cli-product-deactivated = Il PLU { $plu } è fuori vendita (resta con la sua storia).
cli-product-version = dal { $from }: { $price }, IVA { $vat } % (da { $by })
cli-product-off-sale = fuori vendita
cli-product-exported = { $count } articoli scritti in { $path }.
cli-product-not-utf8 = { $path } non è un file di testo UTF-8 (salvalo come «CSV UTF-8»).
cli-product-progress = Importazione: { $done } / { $total } ({ $percent } %)
cli-product-import-dry = Prova, nulla scritto. { $rows } righe: { $added } da aggiungere, { $changed } da modificare, { $deactivated } da disattivare, { $unchanged } invariate, { $departments } nuovi reparti.
cli-product-imported = Importate { $rows } righe: { $added } aggiunte, { $changed } modificate, { $deactivated } disattivate, { $unchanged } invariate, { $departments } nuovi reparti.
cli-product-import-added = Aggiunti
cli-product-import-changed = Modificati
cli-product-import-deactivated = Disattivati
cli-department-key = tasto reparto
cli-department-saved = Reparto { $code } salvato.
period-departments = Per reparto
period-department = Reparto

## screens (issue 23 items 2, 4, 21): un tasto un significato, ogni schermata a 1024×768, la vendita con carta da riga di comando
cli-sale-done-card = Scontrino { $number } emesso: totale { $total }, pagato con carta.
signin-clear-key = { $key } cancella il PIN
receipts-keys = { $up } { $down }: lo scontrino precedente o il successivo
## Products tab (F12 → Products), GUI import and export, by helper "products" (issue 22)
manager-products = Articoli
products-search-hint = Nome, PLU o codice a barre
products-search = Cerca
products-none = Nessun articolo corrisponde.
products-inactive = fuori vendita
products-history = Storico prezzi
products-plu = PLU
products-name = Nome
products-price = Prezzo
products-vat = IVA %
products-department = Reparto
products-unit = Unità
products-unit-piece = pezzo
products-unit-kg = kg
products-unit-l = l
products-barcode = Codice a barre (scansiona qui)
products-barcodes = Codici a barre
products-no-barcodes = nessuno per ora
products-scan-hint = Scansiona o digita un codice a barre nel suo campo e premi Enter: entra nell'elenco. Enter in un altro campo salva. Tab cambia campo, F2 va al codice a barre.
products-new = Nuovo articolo
products-edit = Modifica
products-reprice = Cambia prezzo
products-deactivate = Fuori vendita
products-import = Importa CSV…
products-export = Esporta CSV…
products-remove-demo = Rimuovi dimostrativi
products-save = Salva
products-next-unit = Unità pezzo / kg / l
products-remove-code = Togli l'ultimo codice
products-yes = Sì
products-no = No
products-ask-deactivate = Mettere fuori vendita il PLU { $plu } ({ $name })? Resta negli scontrini e nei report.
products-ask-remove-demo = Rimuovere il catalogo dimostrativo? Se ne vanno solo gli articoli mai venduti; i tuoi articoli restano.
products-saved = Articolo { $plu } salvato: si vende subito.
products-deactivated = L'articolo { $plu } è fuori vendita.
products-demo-removed = Rimossi { $count } articoli dimostrativi.
products-demo-sold = Il catalogo dimostrativo resta: l'articolo dimostrativo { $plu } è stato venduto.
products-demo-no-own = Il catalogo dimostrativo resta finché non hai articoli tuoi in vendita.
products-import-title = Importa articoli da un file CSV
products-export-title = Esporta il catalogo in una cartella
products-picker-keys = ↑ ↓ scegli · Enter apre una cartella o legge un file · ⌫ cartella superiore
products-picker-open = Apri
products-picker-up = Cartella superiore
products-folder-empty = Qui non ci sono cartelle né file CSV.
products-folder-unreadable = Questa cartella non si può leggere.
products-export-here = Salva qui
products-exported = Catalogo salvato in { $path }
products-import-apply = Importa
products-import-back = Indietro, nessuna modifica
products-import-rows = Lette { $count } righe. Nulla viene scritto finché non premi Enter.
products-import-added = Nuovi
products-import-changed = Modificati
products-import-deactivated = Fuori vendita
products-import-unchanged = Invariati: { $count }
products-import-more = … e altri { $count }
products-import-departments = Nuovi reparti: { $list }
products-imported = Importati: { $added } nuovi, { $changed } modificati, { $deactivated } fuori vendita.
products-file-unreadable = Il file non si può leggere: { $reason }
products-file-not-utf8 = Il file non è testo UTF-8. Salvalo dal foglio di calcolo come «CSV UTF-8».
products-file-unwritable = Il file non si può scrivere: { $reason }
first-run-catalog = Articoli: il catalogo dimostrativo resta finché non importi i tuoi (quelli dimostrativi si rimuovono poi da F12 → Articoli).
first-run-import = Importa i miei articoli (CSV)
# Litres (issue 22, by helper "products")
line-litres = { $quantity } l × { $price }/l
price-per-l = { $price }/l
products-reactivate = Di nuovo in vendita
products-ask-reactivate = Rimettere in vendita il PLU { $plu }?

# lead: the products list key hint
products-choose = scegli
