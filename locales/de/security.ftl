# Die Sicherheitsprotokoll-Seiten. Siehe docs/TRANSLATING.md.

security-title = Sicherheitsprotokoll
security-link = Sicherheitsprotokoll
security-intro-household = Anmeldungen, Sperren und Änderungen an Passwörtern, Tokens, Einladungen und Mitgliedern dieses Haushalts, neueste zuerst. { $days ->
    [one] Einträge werden einen Tag aufbewahrt.
   *[other] Einträge werden { $days } Tage aufbewahrt.
}
security-intro-instance = Die Sicherheitsprotokolle aller Haushalte und was zu keinem Haushalt gehört (Anmeldungen mit unbekannten Namen, Wiederherstellungen, gelöschte Haushalte), neueste zuerst. { $days ->
    [one] Einträge werden einen Tag aufbewahrt.
   *[other] Einträge werden { $days } Tage aufbewahrt.
}
security-none = Noch nichts protokolliert.
security-older = Ältere Einträge
security-back-household = Zurück zum Haushalt
security-back-admin = Zurück zu Admin
security-failed = fehlgeschlagen
security-by = von { $name }
security-no-household = kein Haushalt
security-role-granted = Instanz-Admin-Rolle erteilt
security-role-revoked = Instanz-Admin-Rolle entzogen
security-imported = von einem anderen Server importiert
security-lockout-address = diese Adresse hat ihre Versuche aufgebraucht
security-lockout-username = dieser Benutzername hat seine Versuche aufgebraucht
security-tokens-revoked = { $n ->
    [one] ein API-Token widerrufen
   *[other] { $n } API-Tokens widerrufen
}

## Was geschah

security-event-login = Anmeldung
security-event-lockout = Nach zu vielen Fehlversuchen gesperrt
security-event-password-change = Passwort geändert
security-event-password-reset = Passwort von einem Admin gesetzt
security-event-token-create = API-Token erstellt
security-event-token-revoke = API-Token widerrufen
security-event-invite-create = Einladungslink erstellt
security-event-invite-revoke = Einladungslink zurückgezogen
security-event-join = Dem Haushalt beigetreten
security-event-setup = Haushalt eingerichtet
security-event-member-remove = Mitglied entfernt
security-event-account-delete = Konto von seinem Inhaber gelöscht
security-event-role-change = Rolle geändert
security-event-export = Haushalt exportiert
security-event-import = In den Haushalt importiert
security-event-restore = Datenbank aus einem Backup wiederhergestellt
security-event-backup-download = Backup des ganzen Servers heruntergeladen
security-event-household-delete = Haushalt gelöscht
security-event-factor-add = Anmeldemethode hinzugefügt
security-event-factor-remove = Anmeldemethode entfernt
security-event-factor-reset = Zweistufige Anmeldung und Passkeys zurückgesetzt
security-event-recovery-codes = Neue Wiederherstellungscodes erstellt

## Wie

security-method-password = mit Passwort
security-method-invite = mit Einladungslink
security-method-cli = auf der Kommandozeile des Servers
security-method-api = über die API
security-method-settings = auf der Einstellungsseite
security-method-totp = mit Passwort und App-Code
security-method-recovery-code = mit Passwort und Wiederherstellungscode
security-method-passkey = mit Passkey
security-factor-totp = Authenticator-App
security-factor-passkey = Passkey
security-method-sso = mit Single Sign-on
security-method-sso-email = über die E-Mail-Adresse, die ein Admin für Single Sign-on eingetragen hat
security-factor-sso = Single Sign-on
security-factor-sso-email = E-Mail-Adresse für Single Sign-on
