# De pagina van het huishouden (leden, uitnodigingen, taal, valuta, meldingen, importeren,
# winkels, verwijderen) en de pagina van een winkel (de volgorde van de gangpaden).
# Zie docs/TRANSLATING.md.

## Leden

household-members = Leden
household-role-member = lid
household-role-admin = beheerder
household-new-password-for = Nieuw wachtwoord voor { $username }
household-new-password = Nieuw wachtwoord
household-reset-password = Wachtwoord resetten
household-remove = Verwijderen
household-server-admin = Serverbeheer: taken, backups en beheerders van de instantie
household-you-instance-admin = (je bent beheerder van de instantie)

## Uitnodigingen

household-invite = Iemand uitnodigen
household-invite-send = Stuur deze link (eenmalig, 7 dagen geldig):
household-invite-copy = Link kopiëren
household-invite-share = Link delen…
household-invite-qr = QR-code van de uitnodigingslink hierboven: scan hem met de camera van de andere telefoon om de link te openen
household-invite-scan = Of scan deze code met de camera van de andere telefoon.
household-role = Rol
household-create-invite = Uitnodigingslink maken
household-invite-pending = Uitnodiging ({ $role }), verloopt op { $date }
household-revoke = Intrekken

## De taal van het huishouden: die geeft de standaardcategorieën hun naam

household-language = Taal van het huishouden
household-language-help = De taal van het huishouden geeft de categorieën waarmee het begon hun naam. Categorieën die je hebt hernoemd, houden hun naam.
household-language-label = Taal
household-language-current = Dit huishouden spreekt { $language }.
household-language-partial = { $language } (deels vertaald)

## Valuta, meldingen en importeren

household-currency = Valuta
household-currency-label = Prijzen en totalen in
household-save = Opslaan
household-hooks = Meldingen naar je eigen diensten
household-hooks-help = aisle kan een { $ntfy }-topic of een webhook (Home Assistant, Node-RED) laten weten wanneer iemand artikelen aan een lijst toevoegt of boodschappen gaat doen. Beide kunnen binnen je thuisnetwerk blijven. Laat een adres leeg om het uit te zetten; een ntfy-token blijft bewaard tot je een andere opgeeft of het topic weghaalt.
household-ntfy-url = Adres van het ntfy-topic
household-ntfy-token = ntfy-toegangstoken
household-ntfy-token-set = ntfy-toegangstoken (er is er een ingesteld)
household-webhook-url = Webhookadres (krijgt JSON)
household-import = Importeren
household-import-help = Voeg de lijsten, geschiedenis en meer van een andere app, of van een aisle-export, toe aan dit huishouden. Hier wordt niets vervangen; open artikelen komen op lijsten, afgevinkte in de geschiedenis achter de suggesties. Regels die niet gelezen kunnen worden, worden overgeslagen en opgesomd, en een bestand dat helemaal niet gelezen kan worden, voegt niets toe.
household-import-from = Uit
household-import-aisle = aisle (een export, .json)
household-import-text = een geplakte lijst of tekstbestand (één artikel per regel)
household-import-csv = een spreadsheet (.csv)
household-import-home-assistant = Boodschappenlijst van Home Assistant (het JSON-bestand)
household-import-ical = taken: Local To-do, Nextcloud Tasks (.ics)
household-import-google-keep = Google Keep, via Takeout (de .json van een notitie)
household-import-grocy = Grocy (het adres en een API-sleutel, geen bestand)
household-import-mealie = Mealie (het adres en een API-token, geen bestand)
household-import-kitchenowl = KitchenOwl (het adres en een langlevende token, geen bestand)
household-import-tandoor = Tandoor (het adres en een API-token, geen bestand)
household-import-file = Bestand
household-import-url = Adres (voor apps die via hun API gelezen worden)
household-import-token = API-token

## Winkels

household-stores = Winkels
household-stores-help = Elke winkel heeft zijn eigen volgorde van categorieën langs de gangpaden.
household-store-name = Naam van de winkel
household-store-placeholder = Nieuwe winkel, bijv. Buurtsuper
household-add-store = Winkel toevoegen

## Het huishouden verwijderen

household-delete = Het huishouden verwijderen
household-delete-help = Verwijdert de lijsten, winkels, producten, prijzen en leden voorgoed (backups bewaren ze tot ze verlopen).
household-delete-start = Het huishouden verwijderen…
household-delete-message = Alles van ‘{ $name }’ wordt voorgoed verwijderd: elke lijst, elk artikel, elke winkel en elk account van een lid. Exporteer het eerst als je het misschien terug wilt.
household-delete-prompt = Typ de naam van het huishouden ({ $name }) ter bevestiging
household-delete-mismatch = typ de naam precies zoals getoond: { $name }

## Wat de pagina zegt na een wijziging

household-invite-revoked = Uitnodiging ingetrokken.
household-member-removed = { $name } is uit het huishouden verwijderd.
household-password-reset = { $n ->
    [0] Het wachtwoord van { $name } is gereset; { $name } moet opnieuw inloggen.
    [one] Het wachtwoord van { $name } is gereset; { $name } moet opnieuw inloggen, en de API-token is ingetrokken.
   *[other] Het wachtwoord van { $name } is gereset; { $name } moet opnieuw inloggen, en { $n } API-tokens zijn ingetrokken.
}
household-deleted = Het huishouden ‘{ $name }’ is verwijderd.
household-currency-saved = Prijzen zijn nu in { $currency }.
household-language-saved = De taal van het huishouden is nu { $language }.
household-language-unknown = `{ $code }` is geen taal die aisle kent; kies er een uit de lijst

## De pagina van een winkel: de volgorde waarin je de gangpaden loopt

store-help = De volgorde waarin je de gangpaden loopt. Lijsten met deze winkel worden zo gesorteerd. Sleep een categorie aan het handvat (≡), of gebruik de pijlen.
store-locked = Vergrendeld: deze volgorde blijft zoals ze is. Ontgrendel haar om aisle te laten blijven leren van de volgorde waarin je hier artikelen afvinkt.
store-learning = { $n ->
    [one] aisle leert de volgorde van deze winkel van de volgorde waarin je hier artikelen afvinkt tijdens het boodschappen doen, en houdt wat je zelf plaatst. Er is nog { $n } boodschappenronde nodig met deze winkel gekozen op de lijst.
   *[other] aisle leert de volgorde van deze winkel van de volgorde waarin je hier artikelen afvinkt tijdens het boodschappen doen, en houdt wat je zelf plaatst. Er zijn nog { $n } boodschappenrondes nodig met deze winkel gekozen op de lijst.
}
store-learned = { $n ->
    [one] Geleerd van je laatste boodschappenronde hier. Wat je zelf plaatst, blijft waar je het zette.
   *[other] Geleerd van je laatste { $n } boodschappenrondes hier. Wat je zelf plaatst, blijft waar je het zette.
}
store-placed-by-you = door jou geplaatst
store-placed-by-you-title = Jij hebt het hier geplaatst
store-learned-badge = geleerd
store-learned-title = Geleerd van je boodschappenrondes
store-move-up = { $category } omhoog
store-move-down = { $category } omlaag
store-unlock = Volgorde ontgrendelen
store-lock = Volgorde vergrendelen
store-forget = Mijn plaatsingen vergeten
store-name = Naam van de winkel
store-rename = Hernoemen
store-delete = Winkel verwijderen
store-renamed = Winkel hernoemd.
store-deleted = Winkel verwijderd.
store-locked-now = Volgorde vergrendeld: ze blijft zoals ze is tot je haar ontgrendelt.
store-unlocked-now = Volgorde ontgrendeld: aisle leert haar weer van je boodschappen.
store-forgotten = Je plaatsingen zijn vergeten: aisle ordent deze winkel op basis van je boodschappen.
