# Error pages: their headings, and what they say when nothing more precise is known.

error-title-400 = That could not be read
error-title-401 = Please log in
error-title-403 = Not allowed
error-title-404 = Not found
error-title-409 = That clashes with another change
error-title-410 = This link no longer works
error-title-413 = Too much at once
error-title-422 = Please check what you entered
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-502 = A bad answer from a service aisle asked
error-title-503 = Not available right now
error-title-504 = A service aisle asked did not answer in time

error-default-400 = something in what was sent could not be read; go back, reload the page and try again
error-default-401 = you need to log in first
error-default-403 = you are not allowed to do that
error-default-404 = there is nothing at this address; it may have been deleted, or the link may be out of date
error-default-409 = that clashes with a change made meanwhile; reload the page and try again
error-default-413 = that was more than aisle takes at once; send less, or split it into parts
error-default-422 = something sent was not in a form aisle understands; go back, reload the page and try again
error-default-429 = there were too many attempts; wait a little and try again
error-default-500 = something went wrong on the server; it has been logged, so try again in a moment
error-default-502 = a service aisle relies on gave no usable answer; try again later
error-default-503 = the server is busy or not ready; try again in a moment
error-not-found = there is nothing here: it may have been deleted, or the link may be out of date
error-busy = the database is busy; try again in a moment
# $wait is one of the wait-… messages below.
error-too-many = too many attempts; try again in { $wait }
wait-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
wait-minutes = { $n ->
    [one] about 1 minute
   *[other] about { $n } minutes
}
wait-hours = { $n ->
    [one] about 1 hour
   *[other] about { $n } hours
}

error-go-back = Go back
error-your-lists = Your lists
error-log-in = Log in
error-code = Error code { $code }

offline-title = Offline
offline-heading = You are offline
offline-text = This page was not saved on this phone. Lists you opened before still work offline, and changes you make there are kept and sent when the connection is back.
offline-try = Try your lists
