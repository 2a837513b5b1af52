"""The prompt service: compile memory into prompts, Markdown render/apply, imports, sessions.

:mod:`.plans` gathers records and writes what the pure :mod:`memstack.compile`
package decides; :mod:`.session` keeps a conversation's context window.
"""
