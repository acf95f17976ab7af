"""attachjournal: a private reflection journal about how you react in close relationships.

The version is a plain constant so that `--version` never pays for importlib.metadata.
"""

__version__ = "0.1.0"
