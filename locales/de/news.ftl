# Was eine Benachrichtigung sagt

news-added-one = { $by } hat { $item } hinzugefügt
news-added-many = { $by } hat { $n } Artikel hinzugefügt: { $names }
news-added-more = { $by } hat { $n } Artikel hinzugefügt: { $names } und { $more } weitere
news-going = { $by } geht einkaufen
news-done = { $by } ist fertig mit dem Einkauf
news-done-one = { $by } ist fertig mit dem Einkauf und hat { $item } gekauft
news-done-many = { $by } ist fertig mit dem Einkauf und hat { $n } Artikel gekauft: { $names }
news-done-more = { $by } ist fertig mit dem Einkauf und hat { $n } Artikel gekauft: { $names } und { $more } weitere
