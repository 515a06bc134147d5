"""`jobjournal sync`: the follow-ups feed pushed to the person's own CalDAV calendar.

A subscribed feed reaches phones hours late; a CalDAV calendar shows a pushed event within
seconds, alarms included. The pieces, each small and separately testable:

- `feed_events`: the one adapter to the rest of jobjournal (journal → feed bytes).
- `events`: the feed split into one resource per event, and the content digest that marks
  an event as ours and tells whether it changed.
- `settings`: the server, login and password, never from the journal.
- `client`: the `caldav` library configured explicitly, with errors turned into messages.
- `memory`: the ETags of what the last sync wrote, so unchanged events are not parsed.
- `plan`: the pure difference between what the calendar holds and what the feed wants.
- `apply`: the conditional writes, a few at a time.
- `report`: the lines and summary printed.
- `main`: the command's steps in order, and its exit code.
"""
