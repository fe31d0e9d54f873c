# Passkeys: Einstellungen → Passkeys (/settings/passkeys) und die Passkey-Schaltfläche der
# Anmeldeseite. Siehe docs/TRANSLATING.md.

settings-passkeys-manage = Passkeys …
passkeys-title = Passkeys
passkeys-intro = Mit einem Passkey meldest du dich über die Displaysperre deines Handys (Fingerabdruck, Gesicht oder PIN) oder einen Sicherheitsschlüssel an – statt mit deinem Passwort und einem Code. Füge auf jedem Handy, das du benutzt, einen hinzu.
passkeys-none = Du hast noch keine Passkeys.
passkeys-made = hinzugefügt am { $date }
passkeys-used = zuletzt benutzt am { $date }
passkeys-remove = Entfernen
passkeys-name = Name des neuen Passkeys
passkeys-name-placeholder = z. B. Annas Handy
passkeys-default-name = Passkey
passkeys-add = Passkey hinzufügen
passkeys-needs-script = Zum Hinzufügen eines Passkeys wird JavaScript benötigt.
passkeys-unavailable = Passkeys funktionieren nur, wenn der Server unter einer https://-Adresse mit Namen erreichbar ist (zum Beispiel einer, die mit den eigenen Zertifikaten des Servers eingerichtet ist) oder unter localhost. Frag die Person, die ihn betreibt, ob sie seine öffentliche Adresse einstellen kann.
passkeys-added = Passkey „{ $name }“ hinzugefügt. Damit meldest du dich auf der Anmeldeseite an.
passkeys-removed = Passkey „{ $name }“ entfernt.
passkeys-sign-in = Mit Passkey anmelden
passkeys-sign-in-refused = dieser Passkey wurde nicht angenommen: vielleicht wurde er entfernt, oder er gehört zu einem anderen Server; melde dich mit deinem Passwort an
