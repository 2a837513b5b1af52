"""CLI commands for the prompt service."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
