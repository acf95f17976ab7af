"""The attachjournal benchmark against jrnl 4.6; run it with `python -m bench`."""
