"""Backup and restore (issue 17, item 4): the database and every stored file, encrypted, into a
folder; restored into an empty deployment (docs/cadangan.md)."""
