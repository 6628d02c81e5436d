"""Events: the PLOVER coder (``coder``), date expressions (``dates``), PLOVER export
(``plover``)."""

from detente.events.coder import EventFinder

__all__ = ["EventFinder"]
