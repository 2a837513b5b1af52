"""The ``/v1`` routers, one module per resource; :func:`memstack.server.create_app` mounts them."""
