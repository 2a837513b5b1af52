"""Facade mixins: the public ``Memory`` methods of each service, grouped by concern.

``Memory`` and ``AsyncMemory`` inherit these. Every method only builds a plan
(a generator from a service module) and hands it to ``self._run``, which the
sync door drives with blocking calls and the async door with awaits. So each
concern adds its methods without growing ``core.py``, and logic stays in the
services.
"""
