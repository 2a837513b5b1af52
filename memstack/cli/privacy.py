"""CLI commands for the privacy service."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
