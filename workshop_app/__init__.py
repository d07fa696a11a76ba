"""Maturity Workshop: run an AI maturity workshop offline and hand out the roadmap."""

__version__ = "0.1.0"
APP_NAME = "Maturity Workshop"
