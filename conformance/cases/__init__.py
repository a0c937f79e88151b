"""Conformance cases, one module per area. Importing this package registers them all.

A module that fails to import does not stop the others: its error is kept in IMPORT_ERRORS
(module name -> exception) and the runner and pytest report it as a failure.
"""

import importlib
import pkgutil

IMPORT_ERRORS: dict = {}

for _module in pkgutil.iter_modules(__path__):
    try:
        importlib.import_module(f"{__name__}.{_module.name}")
    except Exception as _exc:  # reported by the runner and by pytest
        IMPORT_ERRORS[_module.name] = _exc
