"""Versions: `__version__` is the TensorFlow version tfshim follows (code checks `startswith('2.')`),
`__shim_version__` is tfshim's own."""

__shim_version__ = "0.1.0"
__version__ = "2.21.0"
