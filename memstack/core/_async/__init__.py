"""The facade's method layer, one module per service (see :mod:`memstack.core`)."""
