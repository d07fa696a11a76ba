"""The main window's pages, one module per workshop step."""
