"""Phone voting: a small local web server through which the whole room votes at once.

Qt-free, so `workshop-app serve` and the tests run it without a display. The
desktop app wraps it in gui/dialogs/phone_voting.py and applies every ballot on
its main thread through `WorkshopDocument.apply(cast_ballot, ...)`.
"""
