# Generated from memstack/core/_async/__init__.py by scripts/unasync.py: do not edit.
"""The facade's method layer, one module per service (see :mod:`memstack.core`)."""
