"""A Node: one call of a layer on KerasTensors, the edge the functional API walks."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras.backend.keras_tensor import KerasTensor


class Node:
    """Records `operation(*call_args, **call_kwargs) -> outputs` and stamps each output KerasTensor
    with `_keras_history = (operation, node_index, tensor_index)`."""

    def __init__(self, operation: Any, call_args: tuple = (), call_kwargs: dict | None = None,
                 outputs: Any = None) -> None:
        self.operation = operation
        self.call_args = call_args
        self.call_kwargs = call_kwargs or {}
        self.outputs = [] if outputs is None else tf.nest.flatten(outputs)
        self.output_structure = outputs
        self.input_tensors = [x for x in tf.nest.flatten((call_args, self.call_kwargs)) if isinstance(x, KerasTensor)]
        self.is_input = not self.input_tensors
        node_index = len(operation._inbound_nodes)
        operation._inbound_nodes.append(self)
        for i, t in enumerate(self.outputs):
            if isinstance(t, KerasTensor):
                t._keras_history = (operation, node_index, i)
        for t in self.input_tensors:
            if t._keras_history is not None:
                t._keras_history[0]._outbound_nodes.append(self)

    @property
    def parent_nodes(self) -> list:
        """The nodes that made this node's inputs."""
        out = []
        for t in self.input_tensors:
            history = t._keras_history
            if history is not None:
                node = history[0]._inbound_nodes[history[1]]
                if all(node is not n for n in out):
                    out.append(node)
        return out
