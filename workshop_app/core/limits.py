"""The limits every way into a workshop shares: the grid, ballots, CSV import, files, the command line."""

from __future__ import annotations

#: Longest text, in characters, per kind of field.
NAME_MAX = 120
ROLE_MAX = 120
COMMENT_MAX = 1000
DETAIL_MAX = 300  # title, client, date, site, facilitator
LABEL_MAX = 120  # a round's label
RATIONALE_MAX = 2000
ACTION_TITLE_MAX = 300
ACTION_DETAIL_MAX = 2000
OWNER_MAX = 120
MEASURE_MAX = 300  # a roadmap action's success measure ("done when")
NOTE_MAX = 4000

#: How many of each record a workshop may hold; a file or import beyond these is refused.
MAX_PARTICIPANTS = 1000
MAX_ROUNDS = 99
MAX_ACTIONS = 2000
MAX_NOTES = 5000

#: Largest workshop file the app reads (a 200-person, 99-round workshop is a few MB).
MAX_WORKSHOP_BYTES = 64 * 1024 * 1024

#: Largest ratings CSV the importer reads (100,000 rows of paper forms are about 10 MB).
MAX_CSV_BYTES = 32 * 1024 * 1024
