"""Merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot and their
function forms."""

from tfshim.keras.layers.merging.concatenate import Concatenate, concatenate
from tfshim.keras.layers.merging.dot import Dot, dot
from tfshim.keras.layers.merging.elementwise import (
    Add,
    Average,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    maximum,
    minimum,
    multiply,
    subtract,
)

__all__ = ["Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "Subtract", "add",
           "average", "concatenate", "dot", "maximum", "minimum", "multiply", "subtract"]
