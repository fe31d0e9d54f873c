# Wat een melding zegt.

news-added-one = { $by } heeft { $item } toegevoegd
news-added-many = { $by } heeft { $n } artikelen toegevoegd: { $names }
news-added-more = { $by } heeft { $n } artikelen toegevoegd: { $names } en nog { $more }
news-going = { $by } gaat boodschappen doen
news-done = { $by } is klaar met boodschappen doen
news-done-one = { $by } is klaar met boodschappen doen en heeft { $item } gekocht
news-done-many = { $by } is klaar met boodschappen doen en heeft { $n } artikelen gekocht: { $names }
news-done-more = { $by } is klaar met boodschappen doen en heeft { $n } artikelen gekocht: { $names } en nog { $more }
