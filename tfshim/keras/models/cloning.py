"""`keras.models.clone_model`: the same architecture with new layers (fresh weights)."""

from __future__ import annotations

from typing import Any

from tfshim.keras.layers.input_layer import Input, InputLayer


def _clone_layer(layer: Any) -> Any:
    return type(layer).from_config(layer.get_config())


def clone_model(model: Any, input_tensors: Any = None, clone_function: Any = None, call_function: Any = None,
                recursive: bool = False, **kwargs: Any) -> Any:
    """A Sequential gets each layer re-made from its config (an `Input` on top when the original had
    one); a functional model is re-wired through re-made layers from new `Input`s; a subclassed
    model is re-made with `from_config(get_config())`. Weights are new (not copied), and the clone
    is not compiled, as in Keras.

    Differs from Keras: `call_function` and `recursive` are not supported (NotImplementedError)."""
    from tfshim.keras.models.functional import Functional
    from tfshim.keras.models.sequential import Sequential

    if call_function is not None or recursive:
        raise NotImplementedError("tfshim: clone_model(call_function=..., recursive=True) is not supported.")
    clone = clone_function or _clone_layer
    if isinstance(model, Sequential):
        layers = []
        stack = model._stack
        if stack and isinstance(stack[0], InputLayer) and input_tensors is None:
            first = stack[0]
            layers.append(Input(batch_shape=first.batch_shape, dtype=first.dtype, name=first.name))
        elif input_tensors is not None:
            layers.append(input_tensors[0] if isinstance(input_tensors, (list, tuple)) else input_tensors)
        layers.extend(clone(layer) for layer in model.layers)
        return Sequential(layers, trainable=model.trainable, name=model.name)
    if isinstance(model, Functional):
        if input_tensors is None:
            new_inputs = [Input(batch_shape=x.shape, dtype=x.dtype, name=x.name) for x in model._inputs]
        else:
            import tfshim as tf

            new_inputs = list(tf.nest.flatten(input_tensors))
        made: dict = {}

        def run(operation: Any, args: tuple, kw: dict) -> Any:
            if id(operation) not in made:
                made[id(operation)] = clone(operation)
            return made[id(operation)](*args, **kw)

        outputs = model._run_through_graph(new_inputs, run)
        import tfshim as tf

        inputs = tf.nest.pack_sequence_as(model._inputs_struct, new_inputs)
        return Functional(inputs, outputs, name=model.name)
    return type(model).from_config(model.get_config())
