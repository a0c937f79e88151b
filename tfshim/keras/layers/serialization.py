"""`keras.layers.serialize` / `deserialize`: a layer as Keras's `serialize_keras_object` writes it
(module, class name, config, registered name, and the build config of a built layer), and back."""

from __future__ import annotations

from typing import Any


def _module_of(layer: Any) -> tuple:
    """(module, registered name) as Keras writes them: the functional model is not a public class."""
    from tfshim.keras.models.functional import Functional
    from tfshim.keras.models.model import Model

    if type(layer) is Functional:
        return "keras.src.models.functional", "Functional"
    return ("keras" if isinstance(layer, Model) else "keras.layers"), None


def serialize(layer: Any) -> dict:
    """The layer's serialized form; `build_config` only once the layer is built."""
    module, registered = _module_of(layer)
    entry = {"module": module, "class_name": type(layer).__name__, "config": layer.get_config(),
             "registered_name": registered}
    build_config = layer.get_build_config() if layer.built else None
    if build_config is not None:
        entry["build_config"] = build_config
    if module != "keras.layers":  # a model: Keras adds its compile config
        entry["compile_config"] = layer.get_compile_config()
    return entry


def _find_class(name: str, custom_objects: dict | None) -> Any:
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    import tfshim.keras as keras
    from tfshim.keras import layers

    for namespace in (layers, keras.models, keras):
        cls = getattr(namespace, name, None)
        if isinstance(cls, type):
            return cls
    return None


def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """A new layer from `serialize`'s form (built again from its `build_config`)."""
    cls = _find_class(config.get("class_name"), custom_objects) if isinstance(config, dict) else None
    if cls is None:
        raise TypeError(f"Could not locate class '{config.get('class_name') if isinstance(config, dict) else config}'. "
                        "Make sure custom classes and functions are decorated with "
                        "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure "
                        "they are all imported so that the decorator is run before trying to load them. Full "
                        f"object config: {config}")
    layer = cls.from_config(config["config"])
    build_config = config.get("build_config")
    if build_config and not layer.built:
        layer.build_from_config(build_config)
    return layer
