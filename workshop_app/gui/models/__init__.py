"""Qt item models: thin adapters over the workshop's lists, edited only through the document."""
