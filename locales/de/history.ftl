# Der Verlauf einer Liste: wer was getan hat, und rückgängig machen. Siehe docs/TRANSLATING.md.

history-title = Verlauf von { $list }
history-heading = Verlauf von „{ $list }“
history-intro = Hier siehst du, wer auf dieser Liste etwas hinzugefügt, abgehakt, geändert oder entfernt hat. Änderungen der letzten 24 Stunden kannst du rückgängig machen, solange sich der Eintrag seitdem nicht geändert hat.
history-none = Auf dieser Liste ist noch nichts passiert.
history-back = Zurück zur Liste

## Eine Zeile des Verlaufs. $who ist der Name eines Mitglieds (oder history-someone),
## $item der Name eines Eintrags (fett gezeigt).

history-added = { $who } hat { $item } hinzugefügt
history-checked = { $who } hat { $item } abgehakt
history-unchecked = { $who } hat den Haken bei { $item } entfernt
history-changed = { $who } hat { $item } geändert
history-removed = { $who } hat { $item } entfernt
history-restored = { $who } hat { $item } zurückgeholt
history-someone = Jemand
history-undone = rückgängig gemacht
history-undo = Rückgängig
history-undo-label = Rückgängig: { $what }
history-undone-said = Rückgängig gemacht: „{ $item }“ ist wieder wie vorher.
