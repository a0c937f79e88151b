"""`Functional`: a model defined by calling layers on `keras.Input` KerasTensors.

The graph is Keras's: nodes sorted by depth from the inputs (`map_graph`), `layers` the input
layers first and then the others in that order, and a call runs the nodes depth by depth.
"""

from __future__ import annotations

import collections
import copy
import inspect
import warnings
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend.core import standardize_dtype
from tfshim.keras.backend.keras_tensor import KerasTensor
from tfshim.keras.layers.input_layer import InputLayer
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer
from tfshim.keras.layers.serialization import deserialize, serialize
from tfshim.keras.models.model import Model


def _build_map(inputs: list, outputs: list) -> tuple[list, dict]:
    finished: set = set()
    in_progress: set = set()
    ordered: list = []
    op_indices: dict = {}
    input_ids = {id(x) for x in inputs}

    def visit(tensor: KerasTensor) -> None:
        history = tensor._keras_history
        if history is None:
            return
        operation, node_index, _ = history
        node = operation._inbound_nodes[node_index]
        if node in finished:
            return
        if not node.is_input and id(tensor) in input_ids:
            finished.add(node)
            return
        if node in in_progress:
            raise ValueError(f"Tensor {tensor} from operation '{operation.name}' is part of a cycle.")
        if operation not in op_indices:
            op_indices[operation] = len(op_indices)
        in_progress.add(node)
        if not node.is_input:
            for t in node.input_tensors:
                visit(t)
        finished.add(node)
        in_progress.remove(node)
        ordered.append(node)

    for output in outputs:
        visit(output)
    return ordered, op_indices


def map_graph(inputs: list, outputs: list) -> tuple[dict, list]:
    """`(nodes_by_depth, operations)` for the graph from `inputs` to `outputs` (Keras's order)."""
    ordered, op_indices = _build_map(inputs, outputs)
    in_graph = set(ordered)
    node_depths: dict = {}
    op_depths: dict = {}
    for node in reversed(ordered):
        depth = node_depths.setdefault(node, 0)
        depth = max(depth, op_depths.get(node.operation, 0))
        op_depths[node.operation] = depth
        node_depths[node] = depth
        for parent in node.parent_nodes:
            if parent in in_graph:
                node_depths[parent] = max(depth + 1, node_depths.get(parent, 0))
    for x in inputs:
        operation = x._keras_history[0] if x._keras_history else None
        if operation is not None and operation not in op_depths:
            node = operation._inbound_nodes[x._keras_history[1]]
            if node.is_input:
                op_depths[operation] = 0
                op_indices[operation] = -1
                node_depths[node] = 0
    nodes_by_depth: dict = collections.defaultdict(list)
    for node, depth in node_depths.items():
        nodes_by_depth[depth].append(node)
    ops_by_depth: dict = collections.defaultdict(list)
    for operation, depth in op_depths.items():
        ops_by_depth[depth].append(operation)
    operations: list = []
    for depth in sorted(ops_by_depth, reverse=True):
        operations.extend(sorted(ops_by_depth[depth], key=lambda op: op_indices[op]))
    computable = {id(x) for x in inputs}
    done: list = []
    for depth in sorted(nodes_by_depth, reverse=True):
        for node in nodes_by_depth[depth]:
            for x in node.input_tensors:
                if id(x) not in computable:
                    raise ValueError(f"Graph disconnected: cannot find parent for tensor {x} at operation "
                                     f"'{node.operation}'. The following previous operations were accessed "
                                     f"without issue: {done}")
                done.append(node.operation.name)
            for x in node.outputs:
                computable.add(id(x))
    names = [op.name for op in operations]
    for name in names:
        if names.count(name) != 1:
            raise ValueError(f'The name "{name}" is used {names.count(name)} times in the model. All operation '
                             "names should be unique.")
    return dict(nodes_by_depth), operations


def _input_specs(struct: Any, flat_inputs: list) -> list | None:
    """Keras's `Functional.input_spec`: each input's shape without its batch size, a trailing axis of size
    1 allowed to be missing or added, named after its InputLayer (a dict: by sorted key)."""
    def spec(x: KerasTensor, name: str | None = None) -> InputSpec:
        layer = x._keras_history[0]
        optional = isinstance(layer, InputLayer) and layer.optional
        shape = list(x.shape)
        if shape:
            shape[0] = None
        return InputSpec(shape=tuple(shape), allow_last_axis_squeeze=True, name=layer.name if name is None else name,
                         optional=optional)

    if isinstance(struct, dict):
        if all(isinstance(x, KerasTensor) for x in struct.values()):
            return [spec(struct[name], name) for name in sorted(struct)]
        return None  # deeply nested dicts are not checked
    return [spec(x) for x in flat_inputs]


def adjust_rank(x: Any, ref: KerasTensor, path: str) -> Any:
    """Keras's rank adjustment of a model input whose rank differs from its `keras.Input`'s: a trailing
    axis of size 1 is squeezed, or added when the Input ends in one; other ranks raise ValueError."""
    ref_shape = ref.shape
    rank, ref_rank = len(x.shape), len(ref_shape)
    if rank == ref_rank + 1 and x.shape[-1] == 1:
        return tf.squeeze(x, axis=-1)
    if rank == ref_rank - 1 and ref_shape[-1] == 1:
        return tf.expand_dims(x, axis=-1)
    raise ValueError(f"Invalid input shape for input {x} with name '{ref.name}' and path '{path}'. Expected shape "
                     f"{ref_shape}, but input has incompatible shape {x.shape}")


def _plainly_matching(struct: Any, inputs: Any) -> bool:
    """The common calls whose nesting needs no structure walk: a tensor for one Input, or a flat list or
    tuple of tensors for a flat list or tuple of Inputs."""
    if isinstance(struct, KerasTensor):
        return tf.is_tensor(inputs)
    return (type(struct) in (list, tuple) and type(inputs) in (list, tuple) and len(inputs) == len(struct)
            and all(isinstance(s, KerasTensor) for s in struct) and all(tf.is_tensor(x) for x in inputs))


def _lists_to_tuples(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_lists_to_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _lists_to_tuples(v) for k, v in value.items()}
    return value


def _paths(struct: Any, prefix: tuple = ()) -> list:
    """The path of each leaf of `struct` in flattening order (dict keys sorted), as Keras's tree gives it."""
    if isinstance(struct, (list, tuple)):
        return [p for i, v in enumerate(struct) for p in _paths(v, (*prefix, i))]
    if isinstance(struct, dict):
        return [p for k in sorted(struct) for p in _paths(struct[k], (*prefix, k))]
    return [prefix]


class Functional(Model):
    """`keras.Model(inputs, outputs, name=None)`. Its repr class name is `Functional`; it is always built."""

    _convert_input_args = False
    _allow_non_tensor_positional_args = True

    def __new__(cls, *args: Any, **kwargs: Any) -> Functional:
        return Layer.__new__(cls)

    def __init__(self, inputs: Any, outputs: Any, name: str | None = None, **kwargs: Any) -> None:
        if isinstance(inputs, dict):
            for k, v in inputs.items():
                if isinstance(v, KerasTensor) and k != v.name:
                    warnings.warn("When providing `inputs` as a dict, all keys in the dict must match the names of "
                                  f"the corresponding tensors. Received key '{k}' mapping to value {v} which has "
                                  f"name '{v.name}'. Change the tensor name to '{k}' (via `Input(..., name='{k}')`)",
                                  stacklevel=2)
        trainable = kwargs.pop("trainable", None)
        flat_inputs = tf.nest.flatten(inputs)
        flat_outputs = tf.nest.flatten(outputs)
        for x in flat_inputs:
            if not isinstance(x, KerasTensor):
                raise ValueError(f"All `inputs` values must be KerasTensors. Received: inputs={inputs} including "
                                 f"invalid value {x} of type {type(x)}")
        for x in flat_outputs:
            if not isinstance(x, KerasTensor):
                raise ValueError(f"All `outputs` values must be KerasTensors. Received: outputs={outputs} "
                                 f"including invalid value {x} of type {type(x)}")
        if name is None:
            from tfshim.keras.backend.global_state import auto_name

            name = auto_name(type(self).__name__)
        Layer.__init__(self, name=name, **kwargs)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._inputs = flat_inputs
        self._outputs = flat_outputs
        self._input_spec = _input_specs(inputs, flat_inputs)
        self._nodes_by_depth, self._operations = map_graph(flat_inputs, flat_outputs)
        self._depth_order = [node for depth in sorted(self._nodes_by_depth, reverse=True)
                             for node in self._nodes_by_depth[depth]
                             if not node.is_input]
        if trainable is not None:
            self.trainable = trainable
        for layer in self.layers:
            self._tracker.track(layer)
        self.built = True
        self.output_names = [x._keras_history[0].name for x in flat_outputs]

    def _lock_state(self) -> None:
        pass  # Functional state stays mutable after build, as in Keras

    @property
    def layers(self) -> list:
        return [op for op in self._operations if isinstance(op, Layer)]

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError("`Model.layers` attribute is reserved and should not be used. Please use another name.")

    @property
    def inputs(self) -> list:
        return list(self._inputs)

    @property
    def outputs(self) -> list:
        return list(self._outputs)

    @property
    def input_shape(self) -> Any:
        shapes = tf.nest.map_structure(lambda x: x.shape, self._inputs_struct)
        if isinstance(shapes, list) and len(shapes) == 1:
            return shapes[0]
        return shapes

    @property
    def output_shape(self) -> Any:
        shapes = tf.nest.map_structure(lambda x: x.shape, self._outputs_struct)
        if isinstance(shapes, list) and len(shapes) == 1:
            return shapes[0]
        return shapes

    def build(self, input_shape: Any = None) -> None:
        self.built = True

    def get_build_config(self) -> dict:
        return {"input_shape": None}  # (Keras records no build shapes for a functional model)

    def _standardize_inputs(self, inputs: Any) -> list:
        """Keras's: the inputs flattened in the model's order (a dict by the inputs' names), converted to
        the inputs' dtypes, and a trailing axis of size 1 squeezed or added where the ranks differ by it."""
        struct = self._inputs_struct
        mismatch = False
        if isinstance(struct, list) and len(struct) == 1 and tf.is_tensor(inputs):
            inputs = [inputs]
        elif isinstance(inputs, dict) and not isinstance(struct, dict):
            if isinstance(struct, KerasTensor):
                if struct.name in inputs:
                    inputs = [inputs[struct.name]]
                else:
                    mismatch = True
            elif isinstance(struct, (list, tuple)) and all(isinstance(i, KerasTensor) for i in struct):
                if {i.name for i in struct} <= set(inputs):
                    inputs = [inputs[i.name] for i in struct]
                else:
                    mismatch = True
            else:
                mismatch = True
        if isinstance(struct, dict) and not isinstance(inputs, dict) and list(struct) != sorted(struct):
            mismatch = True
        if not _plainly_matching(struct, inputs):
            self._check_inputs_struct(inputs, mismatch)
        flat = tf.nest.flatten(inputs)
        if len(flat) != len(self._inputs):
            raise ValueError(f'Layer "{self.name}" expects {len(self._inputs)} input(s), but it received '
                             f"{len(flat)} input tensors. Inputs received: {inputs}")
        return [self._adjust_rank(i, self._convert_input(x, ref)) for i, (x, ref) in enumerate(zip(flat, self._inputs))]

    def _check_inputs_struct(self, inputs: Any, raise_exception: bool) -> None:
        """Keras's warning (or, where it cannot pair them, ValueError) when `inputs` are not nested as the
        model's inputs are (lists and tuples count as one kind)."""
        try:
            tf.nest.assert_same_structure(_lists_to_tuples(inputs), _lists_to_tuples(self._inputs_struct))
        except (ValueError, TypeError):
            expected = tf.nest.map_structure(lambda x: "None" if x is None else x.name, self._inputs_struct)
            received = tf.nest.map_structure(lambda x: "None" if x is None else f"Tensor(shape={x.shape})", inputs)
            msg = (f"The structure of `inputs` doesn't match the expected structure.\nExpected: {expected}\n"
                   f"Received: inputs={received}")
            if raise_exception:
                raise ValueError(msg) from None
            warnings.warn(msg, stacklevel=2)

    @staticmethod
    def _convert_input(x: Any, ref: KerasTensor) -> Any:
        if x is None or isinstance(x, KerasTensor):
            return x
        dtype = ref.dtype
        if tf.is_tensor(x) and standardize_dtype(x.dtype) == dtype:
            return x
        t = x if tf.is_tensor(x) else tf.convert_to_tensor(x)
        return tf.cast(t, dtype) if standardize_dtype(t.dtype) != dtype else t

    def _adjust_rank(self, index: int, x: Any) -> Any:
        ref = self._inputs[index]
        if x is None or len(x.shape) == len(ref.shape):
            return x
        return adjust_rank(x, ref, ".".join(str(p) for p in _paths(self._inputs_struct)[index]))

    def _run_through_graph(self, flat_inputs: list, op_fn: Any) -> Any:
        values: dict = {id(x): y for x, y in zip(self._inputs, flat_inputs)}
        for node in self._depth_order:
            if any(id(x) not in values for x in node.input_tensors):
                continue
            args, kwargs = tf.nest.map_structure(
                lambda t: values[id(t)] if isinstance(t, KerasTensor) else t, (node.call_args, node.call_kwargs))
            outputs = op_fn(node.operation, args, kwargs)
            for x, y in zip(node.outputs, tf.nest.flatten(outputs)):
                values[id(x)] = y
        result = []
        for x in self._outputs:
            if id(x) not in values:
                raise ValueError(f"Output {x} is not connected to `inputs`")
            result.append(values[id(x)])
        return tf.nest.pack_sequence_as(self._outputs_struct, result)

    def call(self, inputs: Any, training: Any = None, mask: Any = None, **kwargs: Any) -> Any:
        flat = self._standardize_inputs(inputs)

        def run(operation: Any, args: tuple, kwargs: dict) -> Any:
            if training is not None and getattr(operation, "_call_info", None) is not None \
                    and operation._call_info.has_training:
                kwargs = dict(kwargs, training=training)
            return operation(*args, **kwargs)

        return self._run_through_graph(flat, run)

    def compute_output_spec(self, inputs: Any, training: Any = None, mask: Any = None) -> Any:
        flat = self._standardize_inputs(inputs)

        def run(operation: Any, args: tuple, kwargs: dict) -> Any:
            return operation._compute_spec(args, kwargs)

        return self._run_through_graph(flat, run)

    def get_config(self) -> dict:
        """Keras's functional config: every operation serialized with the calls (`inbound_nodes`) that
        belong to this model, and the model's inputs and outputs as `[layer name, node index, tensor
        index]`. A subclass with its own constructor arguments reports what any layer does (name, trainable,
        dtype), as in Keras."""
        if not _functional_like_constructor(type(self)):
            return Layer.get_config(self)  # (name, trainable and dtype, as for any layer with its own get_config)
        own = {node for nodes in self._nodes_by_depth.values() for node in nodes}
        reindex: dict = {}
        layers = []
        for operation in self._operations:
            kept = 1 if isinstance(operation, Functional) else 0  # (a nested model's own first node)
            for index, node in enumerate(operation._inbound_nodes):
                if node in own:
                    reindex[(id(operation), index)] = kept
                    kept += 1
            entry = serialize(operation)
            entry["name"] = operation.name
            entry["inbound_nodes"] = [_serialize_node(node, own) for node in operation._inbound_nodes
                                      if node in own and not node.is_input]
            layers.append(entry)

        def tensor_config(x: KerasTensor) -> list:
            operation, node_index, tensor_index = x._keras_history
            return [operation.name, reindex[(id(operation), node_index)], tensor_index]

        return copy.deepcopy({"name": self.name, "trainable": self.trainable, "layers": layers,
                              "input_layers": tf.nest.map_structure(tensor_config, self._inputs_struct),
                              "output_layers": tf.nest.map_structure(tensor_config, self._outputs_struct)})



# -- serialization ------------------------------------------------------------------------------------
def _functional_like_constructor(cls: type) -> bool:
    """Keras's test: a class whose __init__ takes Functional's arguments (or *args and **kwargs)."""
    spec = inspect.getfullargspec(cls.__init__)
    if spec.args[1:] == inspect.getfullargspec(Functional.__init__).args[1:]:
        return True
    return spec.varargs is not None and spec.varkw is not None


def _serialize_node(node: Any, own: set) -> dict:
    """A call as Keras stores it: its arguments, KerasTensors as `__keras_tensor__` entries whose node
    index counts only the nodes that belong to the model."""
    def value(x: Any) -> Any:
        if isinstance(x, KerasTensor):
            operation, node_index, tensor_index = x._keras_history
            skipped = sum(1 for n in operation._inbound_nodes[:node_index] if n not in own)
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": x.shape, "dtype": x.dtype,
                               "keras_history": [operation.name, node_index - skipped, tensor_index]}}
        if isinstance(x, (list, tuple)):
            items = [value(v) for v in x]
            return tuple(items) if isinstance(x, tuple) else items
        if isinstance(x, dict):
            return {k: value(v) for k, v in x.items()}
        if tf.is_tensor(x) or isinstance(x, np.ndarray):
            array = np.asarray(x)
            if array.ndim == 0:
                return array.item()
            return {"class_name": "__tensor__" if tf.is_tensor(x) else "__numpy__",
                    "config": {"value": array.tolist(), "dtype": standardize_dtype(array.dtype)}}
        return x

    return {"args": value(tuple(node.call_args)), "kwargs": value(dict(node.call_kwargs))}


def _deserialize_value(x: Any, created: dict) -> Any:
    if isinstance(x, dict):
        name = x.get("class_name")
        if name == "__keras_tensor__":
            layer_name, node_index, tensor_index = x["config"]["keras_history"]
            layer = created.get(layer_name)
            if layer is None:
                raise ValueError(f"Unknown layer: {layer_name}")
            if len(layer._inbound_nodes) <= node_index:
                raise IndexError(f"Layer node index out of bounds: {layer_name}[{node_index}]")
            return layer._inbound_nodes[node_index].outputs[tensor_index]
        if name in ("__tensor__", "__numpy__"):
            array = np.asarray(x["config"]["value"], dtype=x["config"]["dtype"])
            return tf.constant(array) if name == "__tensor__" else array
        return {k: _deserialize_value(v, created) for k, v in x.items()}
    if isinstance(x, list):
        return [_deserialize_value(v, created) for v in x]
    if isinstance(x, tuple):
        return tuple(_deserialize_value(v, created) for v in x)
    return x


def functional_from_config(cls: type, config: dict, custom_objects: dict | None = None) -> Any:
    """Keras's `functional_from_config`: the layers made from their configs, then called on each other
    in the recorded order (a call whose inputs do not exist yet waits for a later pass)."""
    config = dict(config)
    layer_configs = config.pop("layers")
    input_layers, output_layers = config.pop("input_layers"), config.pop("output_layers")
    name, trainable = config.pop("name", None), config.pop("trainable", None)
    created: dict = {}
    pending: dict = {}
    for layer_config in layer_configs:
        layer = deserialize(layer_config, custom_objects)
        created[layer_config["name"]] = layer
        if layer_config["inbound_nodes"]:
            pending[layer_config["name"]] = list(layer_config["inbound_nodes"])
    while pending:
        progressed = False
        for layer_config in layer_configs:
            layer_name = layer_config["name"]
            nodes = pending.get(layer_name)
            if not nodes:
                continue
            done = 0
            for node in nodes:
                try:
                    args = _deserialize_value(node["args"], created)
                    kwargs = _deserialize_value(node["kwargs"], created)
                except IndexError:
                    break
                created[layer_name](*args, **kwargs)
                done += 1
            if done:
                progressed = True
                if done == len(nodes):
                    del pending[layer_name]
                else:
                    pending[layer_name] = nodes[done:]
        if not progressed:
            raise ValueError("Invalid Functional model configuration. The graph of the Functional model either has "
                             f"loops or disconnected nodes. The following nodes failed to be resolved: {pending}")

    def tensor(entry: Any) -> Any:
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str):
            layer = created[entry[0]]
            node_index = entry[1] - 1 if isinstance(layer, Functional) else entry[1]
            return layer._inbound_nodes[node_index].outputs[entry[2]]
        if isinstance(entry, dict):
            return {k: tensor(v) for k, v in entry.items()}
        if isinstance(entry, tuple):
            return tuple(tensor(v) for v in entry)
        return [tensor(v) for v in entry]

    return cls(inputs=tensor(input_layers), outputs=tensor(output_layers), name=name, trainable=trainable,
               **config)
