# L'historique d'une liste : qui a fait quoi, et annuler. Voir docs/TRANSLATING.md.

history-title = Historique de { $list }
history-heading = Historique de « { $list } »
history-intro = Qui a ajouté, coché, modifié ou retiré quoi sur cette liste. Les modifications des dernières 24 heures peuvent être annulées tant que l'article n'a pas changé depuis.
history-none = Rien ne s'est encore passé sur cette liste.
history-back = Retour à la liste

## Une ligne de l'historique. $who est le nom d'un membre (ou history-someone), $item le
## nom d'un article (en gras).

history-added = { $who } a ajouté { $item }
history-checked = { $who } a coché { $item }
history-unchecked = { $who } a décoché { $item }
history-changed = { $who } a modifié { $item }
history-removed = { $who } a retiré { $item }
history-restored = { $who } a remis { $item }
history-someone = Quelqu'un
history-undone = annulé
history-undo = Annuler
history-undo-label = Annuler : { $what }
history-undone-said = Annulé : « { $item } » est revenu à son état précédent.
