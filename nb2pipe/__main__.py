"""`python -m nb2pipe` runs the CLI."""

from .cli import app

app()
