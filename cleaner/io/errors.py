"""Exceptions raised by the I/O layer."""

from __future__ import annotations


class InputError(Exception):
    """An input cannot be read as text; the message is for humans and omits the path.

    The CLI prefixes the path (``path: message``), so the message must not repeat it.
    """
