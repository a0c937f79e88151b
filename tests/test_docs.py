"""The documentation that is generated from the code is current."""

from __future__ import annotations

import pathlib

import tfshim as tf
from conformance import api_names

_DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


def test_the_implemented_names_in_compatibility_md_are_current() -> None:
    text = (_DOCS / "compatibility.md").read_text()
    assert api_names.HEADING in text, "run `python -m conformance --write-docs`"
    listed = text[text.index(api_names.HEADING):]
    assert listed.strip() == api_names.markdown(tf).strip(), \
        "docs/compatibility.md lists other names than tfshim has: run `python -m conformance --write-docs`"


def test_the_list_names_the_core_api() -> None:
    names = api_names.implemented_names(tf)
    assert {"GradientTape", "Variable", "UnconnectedGradients", "custom_gradient"} <= set(names[""])
    assert "softmax_cross_entropy_with_logits" in names["nn"]
    assert "annotations" not in names["config"] and "Any" not in names["nest"]
    with_gradient, without = api_names.gradient_ops()
    assert "MatMul" in with_gradient and "Equal" in without and not set(with_gradient) & set(without)
