# De lijsten van het huishouden, één lijst, een artikel bewerken, een lijst verwijderen,
# en wat de lijstpagina's zeggen na een wijziging. Zie docs/TRANSLATING.md.

## De lijsten (de startpagina)

lists-title = Lijsten
lists-heading = Je lijsten
lists-none = Nog geen lijsten. Maak er hieronder een.
lists-to-get = { $n ->
    [one] nog { $n } artikel te halen
   *[other] nog { $n } artikelen te halen
}
lists-new-label = Naam van de nieuwe lijst
lists-new-placeholder = Nieuwe lijst, bijv. Weekboodschappen
lists-create = Maken
lists-archived = Gearchiveerde lijsten ({ $n })

## Eén lijst: de balk, de verbinding, de winkel

list-all-lists = Alle lijsten
list-archived-badge = gearchiveerd
list-keep-screen-on = Scherm aan laten
list-no-store-html = Standaardvolgorde · <a href="/household#stores">Voeg een winkel toe</a> om op de gangpaden te sorteren
list-aisle-order = Volgorde van de gangpaden
list-aisle-order-default = Standaard
list-aisle-order-use = Gebruiken

## Eén lijst: toevoegen, suggesties, het totaal

list-removed = { $n ->
    [one] { $n } artikel verwijderd.
   *[other] { $n } artikelen verwijderd.
}
list-undo = Ongedaan maken
list-add-label = Artikelen toevoegen (één per regel, of gescheiden door komma's)
list-add-placeholder = 2 liter melk, 1 brood, 6 eieren
list-add = Toevoegen
list-suggestions = Suggesties
list-due-soon = Bijna weer nodig
list-due-add = { $name } toevoegen: { $why }
list-not-now = Nu niet
list-not-now-label = Nu niet: { $name }
list-due-days = { $every ->
    [one] ongeveer elke dag
   *[other] ongeveer elke { $every } dagen
}, laatst gekocht { $ago ->
    [0] vandaag
    [1] gisteren
   *[other] { $ago } dagen geleden
}
list-due-weeks = { $every ->
    [one] ongeveer elke week
   *[other] ongeveer elke { $every } weken
}, laatst gekocht { $ago ->
    [0] vandaag
    [1] gisteren
   *[other] { $ago } dagen geleden
}
list-due-months = { $every ->
    [one] ongeveer elke maand
   *[other] ongeveer elke { $every } maanden
}, laatst gekocht { $ago ->
    [0] vandaag
    [1] gisteren
   *[other] { $ago } dagen geleden
}
list-templates = Sjablonen
list-add-template = Sjabloon { $name } toevoegen ({ $n ->
    [one] { $n } artikel
   *[other] { $n } artikelen
})
list-staples = Vaste producten
list-add-staple = Vast product { $name } toevoegen
list-often = Vaak gekocht
list-add-name = { $name } toevoegen
list-complete = Regel aanvullen
list-total = Geschat totaal: { $amount }
list-unpriced = { $n ->
    [one] { $n } artikel zonder bekende prijs
   *[other] { $n } artikelen zonder bekende prijs
}
list-empty = Nog niets op deze lijst.

## Eén lijst: de rijen

list-check-off = Afvinken
list-uncheck = Vinkje weghalen
# $name moet helemaal aan het eind staan.
list-edit-label = Bewerken: { $name }
list-remove-label = Verwijderen: { $name }
list-done = Afgevinkt
list-done-count = Afgevinkt ({ $n })
list-clear = Afgevinkte artikelen wissen

## Eén lijst: het bewerkvenster, boodschappen doen, de instellingen van de lijst

list-edit-title = Artikel bewerken
list-name = Naam
list-amount = Hoeveelheid
list-amount-placeholder = bijv. 2, 500 g, ½ kopje
list-note = Notitie
list-note-placeholder = bijv. biologisch
list-category = Categorie
list-save = Opslaan
list-cancel = Annuleren
list-going-shopping = Ik ga boodschappen doen
list-done-shopping = Klaar met boodschappen
list-settings = Instellingen van de lijst
list-name-label = Naam van de lijst
list-rename = Hernoemen
list-archive = Archiveren
list-unarchive = Uit archief halen
list-history = Geschiedenis
list-delete = Lijst verwijderen…
list-watch = Laat me weten over deze lijst:
list-watch-added = als anderen artikelen toevoegen
list-watch-shopping = als iemand boodschappen gaat doen, of klaar is
list-push-on = Meldingen krijgen op deze telefoon
list-template-name = Naam van het sjabloon
list-template-placeholder = Naam van het sjabloon, bijv. Wekelijks
list-save-template = Opslaan als sjabloon
list-template = Sjabloon ‘{ $name }’: { $items }
list-delete-template-label = Sjabloon { $name } verwijderen
list-delete-template = Verwijderen

## Een artikel bewerken (de pagina zonder JavaScript)

item-edit-title = Artikel bewerken
item-name = Naam
item-quantity = Aantal
item-quantity-placeholder = bijv. 2
item-unit = Eenheid
item-unit-none = geen
item-note = Notitie
item-note-placeholder = bijv. biologisch
item-category = Categorie
item-save = Opslaan
item-cancel = Annuleren

## Een lijst verwijderen

list-delete-title = Lijst verwijderen
list-delete-heading = ‘{ $name }’ verwijderen?
list-delete-warning = { $n ->
    [one] De lijst en het { $n } artikel erop verdwijnen voor iedereen in het huishouden. Dit kan niet ongedaan worden gemaakt.
   *[other] De lijst en de { $n } artikelen erop verdwijnen voor iedereen in het huishouden. Dit kan niet ongedaan worden gemaakt.
}
list-delete-confirm = De lijst verwijderen
list-delete-keep = Bewaren

## Een bevestiging waarvoor je een wachtwoord of naam typt

confirm-cancel = Annuleren

## Gezegd na een wijziging (bovenaan de lijstpagina)

list-renamed = Lijst hernoemd.
list-archived = Lijst gearchiveerd.
list-unarchived = Lijst weer in gebruik.
list-deleted = Lijst verwijderd.
list-delete-unconfirmed = een lijst verwijderen moet bevestigd worden: gebruik de knop Verwijderen op de bevestigingspagina
list-store-refused = `{ $value }` is geen winkel-id
list-merged-already = { $name } stond al op de lijst
list-merged-already-amount = { $name } stond al op de lijst ({ $amount })
list-merged-now = { $name }: nu { $amount }
list-merged-changed = { $name }: { $from } → { $to }
list-added = { $n ->
    [one] { $n } artikel toegevoegd.
   *[other] { $n } artikelen toegevoegd.
}
list-not-added = Niet toegevoegd (verbeter en voeg opnieuw toe, of maak het vak leeg): { $reasons }.
list-restored = { $n ->
    [one] { $n } artikel teruggezet.
   *[other] { $n } artikelen teruggezet.
}
list-restore-none = geen artikelen om terug te zetten: `ids` moet artikel-id's bevatten, zoals 1,2,3
item-unit-refused = `{ $value }` is geen eenheid die aisle kent
item-category-refused = `{ $value }` is geen categorie
list-not-now-said = { $days ->
    [one] ‘{ $name }’ wordt { $days } dag niet meer voorgesteld.
   *[other] ‘{ $name }’ wordt { $days } dagen niet meer voorgesteld.
}
list-template-saved = Sjabloon ‘{ $name }’ opgeslagen: voeg het aan elke lijst toe via de suggesties.
list-template-replaced = Sjabloon ‘{ $name }’ opgeslagen; het oude is vervangen.
list-template-added = { $n ->
    [one] { $n } artikel uit het sjabloon toegevoegd.
   *[other] { $n } artikelen uit het sjabloon toegevoegd.
}
list-template-deleted = Sjabloon verwijderd.
