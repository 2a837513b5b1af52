"""Adapters: other frameworks keep their memory in memstack (front doors over the facade)."""
