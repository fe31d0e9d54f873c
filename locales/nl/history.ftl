# De geschiedenis van een lijst: wie wat deed, en ongedaan maken. Zie docs/TRANSLATING.md.

history-title = Geschiedenis van { $list }
history-heading = Geschiedenis van ‘{ $list }’
history-intro = Wie wat heeft toegevoegd, afgevinkt, gewijzigd of verwijderd op deze lijst. Wijzigingen van de afgelopen 24 uur kun je ongedaan maken zolang het artikel sindsdien niet is veranderd.
history-none = Er is nog niets gebeurd op deze lijst.
history-back = Terug naar de lijst

## Eén regel van de geschiedenis

history-added = { $who } heeft { $item } toegevoegd
history-checked = { $who } heeft { $item } afgevinkt
history-unchecked = { $who } heeft het vinkje bij { $item } weggehaald
history-changed = { $who } heeft { $item } gewijzigd
history-removed = { $who } heeft { $item } verwijderd
history-restored = { $who } heeft { $item } teruggezet
history-someone = Iemand
history-undone = ongedaan gemaakt
history-undo = Ongedaan maken
history-undo-label = Ongedaan maken: { $what }
history-undone-said = Ongedaan gemaakt: ‘{ $item }’ is weer zoals het was.
