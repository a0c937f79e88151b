"""`tf.compat`: `tf.compat.v2` is the tf namespace itself; `tf.compat.v1` offers the TF2 names plus
the few TF1 switches eager code still calls (graph-mode APIs such as Session do not exist)."""

from tfshim.compat import v1, v2


def forward_compatible(year: int, month: int, day: int) -> bool:
    """Whether TF 2.21 is forward compatible past this date (tfshim follows TF 2.21's behaviour)."""
    return (year, month, day) <= (2026, 1, 1)


def as_bytes(text: object, encoding: str = "utf-8") -> bytes:
    if isinstance(text, bytearray):
        return bytes(text)
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {text!r}")


def as_text(bytes_or_text: object, encoding: str = "utf-8") -> str:
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


as_str = as_text

__all__ = ["as_bytes", "as_str", "as_text", "forward_compatible", "v1", "v2"]
