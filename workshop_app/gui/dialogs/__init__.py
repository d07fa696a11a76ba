"""Dialogs: about, CSV import report, brand, PDF export, error messages."""
