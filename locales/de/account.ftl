# Das eigene Konto: anmelden, aisle einrichten, per Einladungslink einem Haushalt beitreten,
# der eigenen Zertifizierungsstelle des Servers vertrauen, die Einstellungen.
# Siehe docs/TRANSLATING.md.

## Sprache wählen (Einstellungen und Einrichtung)

account-language-browser = Wie im Browser eingestellt
account-language-partly = { $language } (teilweise übersetzt)
account-language-unknown = diese Sprache gibt es in aisle nicht; wähle eine aus der Liste

## An- und abmelden (/login)

login-title = Anmelden
login-username = Benutzername
login-password = Passwort
login-submit = Anmelden
login-no-account = Noch kein Konto? Bitte jemanden aus deinem Haushalt um einen Einladungslink.
login-wrong = Benutzername oder Passwort ist falsch
logout-done = Du bist abgemeldet.

## aisle einrichten (/setup): der erste Haushalt und sein Admin

setup-title = aisle einrichten
setup-heading = Willkommen bei aisle
setup-intro = Lege deinen Haushalt und seinen ersten Administrator an.
setup-household = Name des Haushalts
setup-currency = Währung für Preise und Summen
setup-currency-hint = Ein Code aus drei Buchstaben wie EUR, CHF oder USD, vorgeschlagen nach der Region deines Browsers; auf der Haushaltsseite kannst du ihn später ändern.
setup-language = Sprache des Haushalts
setup-language-hint = In ihr heißen die Standardkategorien des Haushalts (Obst & Gemüse, Backwaren …); auf der Haushaltsseite kannst du sie später ändern.
setup-username = Dein Benutzername
setup-password = Passwort (mindestens 8 Zeichen)
setup-submit = Haushalt anlegen
setup-welcome = Willkommen! Leg unten deine erste Liste an.

## Per Einladungslink beitreten (/invite/…). $household ist der Name des Haushalts.

join-title = Beitreten
join-heading = { $household } beitreten
join-intro = Wähle einen Benutzernamen und ein Passwort, um diesem Haushalt bei aisle beizutreten.
join-username = Benutzername
join-password = Passwort (mindestens 8 Zeichen)
join-submit = Beitreten
join-welcome = Willkommen bei { $household }!

## Der eigenen Zertifizierungsstelle des Servers vertrauen (/ca). Die Menüpfade sind die
## der deutschen Handy-Einstellungen.

ca-title = Diesem Server vertrauen
ca-heading = Diesem aisle-Server vertrauen
ca-intro = Dieser Server stellt eigene Zertifikate für dein Heimnetz aus. Installiere seine Zertifizierungsstelle einmal auf jedem Handy, dann vertraut der Browser aisle über HTTPS – so funktioniert aisle auch ohne Netz und kann die Kamera für Barcodes nutzen.
ca-download = Zertifikat herunterladen (aisle-ca.crt)
ca-android = Android
ca-android-download = Lade oben das Zertifikat herunter.
ca-android-open = Öffne dieses Menü (die Namen unterscheiden sich je nach Handy etwas; suche in den Einstellungen nach „CA-Zertifikat“):
ca-android-path = Einstellungen → Sicherheit und Datenschutz → Weitere Sicherheitseinstellungen → Verschlüsselung und Anmeldedaten → Zertifikat installieren → CA-Zertifikat
ca-android-confirm = Bestätige „Trotzdem installieren“ und wähle aisle-ca.crt aus den Downloads.
ca-open-https = Öffne aisle wieder über eine Adresse, die mit https:// beginnt.
ca-ios = iPhone und iPad
ca-ios-download = Öffne diese Seite in Safari und lade das Zertifikat herunter; erlaube das Laden des Profils.
ca-ios-open = Öffne dieses Menü:
ca-ios-profiles-path = Einstellungen → Allgemein → VPN und Geräteverwaltung
ca-ios-install = Tippe auf das Profil „aisle local CA“ und dann auf „Installieren“.
ca-ios-trust-path = Einstellungen → Allgemein → Info → Zertifikatsvertrauenseinstellungen
ca-ios-trust = Schalte das volle Vertrauen für „aisle local CA“ ein.
ca-key-note = Die Zertifizierungsstelle kann nur für die Namen dieses Servers bürgen; halte das Datenverzeichnis privat, denn ihr Schlüssel liegt dort.

## Die eigenen Einstellungen (/settings)

settings-title = Einstellungen
settings-language = Sprache
settings-language-choose = Deine Sprache
settings-language-hint = Auf jedem Gerät, auf dem du angemeldet bist.
settings-language-save = Sprache speichern
settings-language-saved = Sprache gespeichert.
settings-password = Passwort ändern
settings-password-current = Aktuelles Passwort
settings-password-new = Neues Passwort (mindestens 8 Zeichen)
settings-password-end-tokens = Auch meine API-Tokens widerrufen (Skripte und Apps, die sie nutzen, brauchen dann neue)
settings-password-submit = Passwort ändern
settings-password-wrong = das aktuelle Passwort ist falsch
settings-password-changed = Passwort geändert. Deine anderen Geräte wurden abgemeldet.
settings-password-changed-kept = { $n ->
    [one] Passwort geändert. Deine anderen Geräte wurden abgemeldet. Dein API-Token gilt weiter.
   *[other] Passwort geändert. Deine anderen Geräte wurden abgemeldet. Deine { $n } API-Tokens gelten weiter.
}
settings-password-changed-revoked = { $n ->
    [one] Passwort geändert. Deine anderen Geräte wurden abgemeldet und dein API-Token widerrufen.
   *[other] Passwort geändert. Deine anderen Geräte wurden abgemeldet und deine { $n } API-Tokens widerrufen.
}
settings-tokens = API-Tokens
settings-token-new = Dein neues Token (nur jetzt zu sehen, kopiere es):
settings-tokens-none = Keine Tokens.
settings-token-made = ({ $username }, erstellt am { $date })
settings-token-revoke = Widerrufen
settings-token-name = Name des Tokens
settings-token-name-placeholder = Name des Tokens, z. B. Home Assistant
settings-token-create = Token erstellen
settings-token-revoked = Token widerrufen.
settings-data = Deine Daten
settings-export = Haushalt exportieren (JSON)
settings-delete = Mein Konto löschen …

## Das eigene Konto löschen (/settings/delete)

settings-delete-title = Dein Konto löschen
settings-delete-message = Dein Konto, deine Anmeldungen und deine API-Tokens werden gelöscht. Die Listen des Haushalts bleiben für die anderen.
settings-delete-prompt = Dein Passwort, zur Bestätigung
settings-delete-submit = Mein Konto löschen
settings-delete-wrong = das Passwort ist falsch
settings-delete-only-member = du bist das einzige Mitglied des Haushalts: lösche stattdessen den Haushalt (Haushaltsseite)
settings-delete-only-admin = du bist der einzige Admin des Haushalts: lade zuerst einen weiteren Admin ein oder lösche den Haushalt
settings-deleted = Dein Konto wurde gelöscht.

## Nach dem Speichern anderswo: worüber du zu einer Liste Bescheid bekommst, Einkaufen,
## die Benachrichtigungsadressen des Haushalts (ntfy-Topic, Webhook)

flash-watch-off = Zu dieser Liste bekommst du keine Nachrichten.
flash-watch-no-phone = Gespeichert. Schalte unten die Benachrichtigungen auf deinem Handy ein, um sie zu bekommen; das ntfy-Topic oder der Webhook des Haushalts erfährt es auch.
flash-watch-phones = Gespeichert: Deine Handys bekommen Bescheid.
flash-shopping-going = Wer darum gebeten hat, erfährt jetzt, dass du einkaufen gehst.
flash-shopping-done = Wer darum gebeten hat, erfährt jetzt, dass du mit dem Einkaufen fertig bist.
flash-hooks-saved = Benachrichtigungsadressen gespeichert.
flash-hooks-token-dropped = Benachrichtigungsadressen gespeichert. Das ntfy-Token wurde nicht behalten: Das Topic liegt jetzt auf einem anderen Server; gib das Token dieses Servers an, falls er eines braucht.
