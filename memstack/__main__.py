"""``python -m memstack``: the same as the ``memstack`` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="memstack")
