"""Adapters: memstack behind other frameworks' memory interfaces (each module is one)."""
