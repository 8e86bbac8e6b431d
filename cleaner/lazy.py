"""Package attributes imported on first use (PEP 562): a command's start-up pays only for what it uses."""
from __future__ import annotations

import importlib
from typing import Callable


def lazy_attributes(package: str, exports: dict[str, str], namespace: dict[str, object], *,
                    subpackages: bool = False) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's module-level __getattr__ and __dir__.

    exports: public name -> the module defining it (absolute, or relative to the package); a name
    is imported when first read, then kept in the package's namespace, so later reads skip this.
    subpackages: any other name is tried as a submodule (`cleaner.core` read as an attribute).
    """

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            if subpackages and not name.startswith("__"):
                try:
                    return importlib.import_module(f"{package}.{name}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{package}.{name}":
                        raise
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
