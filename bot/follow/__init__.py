"""Following a person (optionally on a topic): follows, alerts on their new statements, delivery.

``models`` (tables), ``people`` (whom a name means), ``store`` (follows and alerts as plain
data), ``matcher`` (new statements -> alerts, after each ingest batch), ``delivery`` (alerts ->
one message per destination, claimed in the database), ``grammar`` (the chat words).
"""
