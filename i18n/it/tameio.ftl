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
err-pin-wait = Troppi PIN errati. Attendere { $seconds } secondi.
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
err-terminal-unreachable = Terminale non raggiungibile. Verificare che sia acceso e collegato. Nessun addebito.
err-terminal-open-attempt = Un pagamento su questo terminale ha esito sconosciuto. Risolverlo prima di un nuovo pagamento.
err-not-supported = Questo terminale non può: { $operation }.
err-terminal = Il terminale ha segnalato un problema: { $detail }
err-bad-input = { $detail }

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
cli-reprint-done = Scontrino { $number } ristampato come copia { $copy }.
cli-refund-done = Scontrino di reso { $number } emesso per { $total }.
