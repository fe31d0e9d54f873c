# De pagina's van het beveiligingslogboek. Zie docs/TRANSLATING.md.

security-title = Beveiligingslogboek
security-link = Beveiligingslogboek
security-intro-household = Aanmeldingen, blokkeringen en wijzigingen van wachtwoorden, tokens, uitnodigingen en leden van dit huishouden, nieuwste eerst. { $days ->
    [one] Vermeldingen worden één dag bewaard.
   *[other] Vermeldingen worden { $days } dagen bewaard.
}
security-intro-instance = Het beveiligingslogboek van elk huishouden, en wat bij geen huishouden hoort (aanmeldingen met onbekende namen, herstelacties, verwijderde huishoudens), nieuwste eerst. { $days ->
    [one] Vermeldingen worden één dag bewaard.
   *[other] Vermeldingen worden { $days } dagen bewaard.
}
security-none = Er is nog niets vastgelegd.
security-older = Oudere vermeldingen
security-back-household = Terug naar het huishouden
security-back-admin = Terug naar Beheer
security-failed = mislukt
security-by = door { $name }
security-no-household = geen huishouden
security-role-granted = rol van instantiebeheerder toegekend
security-role-revoked = rol van instantiebeheerder ingetrokken
security-imported = geïmporteerd van een andere server
security-lockout-address = dit adres heeft zijn pogingen opgebruikt
security-lockout-username = deze gebruikersnaam heeft zijn pogingen opgebruikt
security-tokens-revoked = { $n ->
    [one] één API-token ingetrokken
   *[other] { $n } API-tokens ingetrokken
}

## Wat er gebeurde

security-event-login = Aanmelding
security-event-lockout = Geblokkeerd na te veel mislukte aanmeldingen
security-event-password-change = Wachtwoord gewijzigd
security-event-password-reset = Wachtwoord ingesteld door een beheerder
security-event-token-create = API-token aangemaakt
security-event-token-revoke = API-token ingetrokken
security-event-invite-create = Uitnodigingslink gemaakt
security-event-invite-revoke = Uitnodigingslink ingetrokken
security-event-join = Lid geworden van het huishouden
security-event-setup = Huishouden ingericht
security-event-member-remove = Lid verwijderd
security-event-account-delete = Account verwijderd door de eigenaar
security-event-role-change = Rol gewijzigd
security-event-export = Huishouden geëxporteerd
security-event-import = Geïmporteerd in het huishouden
security-event-restore = Database hersteld uit een backup
security-event-backup-download = Backup van de hele server gedownload
security-event-household-delete = Huishouden verwijderd
security-event-factor-add = Inlogmethode toegevoegd
security-event-factor-remove = Inlogmethode verwijderd
security-event-factor-reset = Inloggen in twee stappen en passkeys gereset
security-event-recovery-codes = Nieuwe herstelcodes gemaakt

## Hoe

security-method-password = met een wachtwoord
security-method-invite = met een uitnodigingslink
security-method-cli = op de opdrachtregel van de server
security-method-api = via de API
security-method-settings = op de instellingenpagina
security-method-totp = met een wachtwoord en een code uit de app
security-method-recovery-code = met een wachtwoord en een herstelcode
security-method-passkey = met een passkey
security-factor-totp = authenticator-app
security-factor-passkey = passkey
security-method-sso = met single sign-on
security-method-sso-email = via het e-mailadres dat een beheerder voor single sign-on heeft opgegeven
security-factor-sso = single sign-on
security-factor-sso-email = e-mailadres voor single sign-on
