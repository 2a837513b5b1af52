"""CLI commands for the review service."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
