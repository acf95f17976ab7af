"""Allows `python -m attachjournal`."""

from attachjournal.entry import main

main()
