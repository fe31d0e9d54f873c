# What a notification says ($by is who did it, $item one item's name, $names the first
# few names joined by commas, $n how many items in all, $more how many are not named).

news-added-one = { $by } added { $item }
news-added-many = { $by } added { $n } items: { $names }
news-added-more = { $by } added { $n } items: { $names } and { $more } more
news-going = { $by } is going shopping
news-done = { $by } is done shopping
news-done-one = { $by } is done shopping and bought { $item }
news-done-many = { $by } is done shopping and bought { $n } items: { $names }
news-done-more = { $by } is done shopping and bought { $n } items: { $names } and { $more } more
