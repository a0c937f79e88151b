"""Whole models in Keras 3's `.keras` zip: `metadata.json` (Keras version, save date), `config.json`
(the model serialized with its build and compile config) and `model.weights.h5` (the `.weights.h5`
layout, optimizer variables included), stored uncompressed as Keras stores them. Files go both ways
between tfshim and real Keras.

Differs from Keras: no legacy `.h5` model files (saving or loading one raises NotImplementedError), no
`assets/` entries, `zipped=False` still writes a zip, `safe_mode` is accepted without effect (no lambdas
are deserialized), and `custom_objects` reach the layers but not the compile config's losses and
metrics (custom ones there fail to revive)."""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import zipfile
from typing import Any

from tfshim.keras._saving.saving_lib import load_weights_only, save_weights_only

_CONFIG, _METADATA, _WEIGHTS = "config.json", "metadata.json", "model.weights.h5"


def save_model(model: Any, filepath: Any, overwrite: bool = True, zipped: Any = None, **kwargs: Any) -> None:
    """`keras.models.save_model` / `Model.save`."""
    from tfshim.keras import __version__
    from tfshim.keras.models.model import _json_default, serialize_model

    filepath = os.fspath(filepath)
    if filepath.endswith((".h5", ".hdf5")):
        raise NotImplementedError("tfshim: legacy `.h5` model files are not supported; save to a `.keras` file.")
    if not filepath.endswith(".keras"):
        raise ValueError("Invalid filepath extension for saving. Please add either a `.keras` extension for the native "
                         "Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to "
                         f"export a SavedModel for use with TFLite/TFServing/etc. Received: filepath={filepath}.")
    if os.path.exists(filepath) and not overwrite and not _ask_to_overwrite(filepath):
        return
    metadata = {"keras_version": __version__, "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    config = json.dumps(serialize_model(model), default=_json_default)
    with tempfile.TemporaryDirectory() as folder:
        weights = os.path.join(folder, _WEIGHTS)
        save_weights_only(model, weights)
        with zipfile.ZipFile(filepath, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(_METADATA, json.dumps(metadata))
            archive.writestr(_CONFIG, config)
            archive.write(weights, _WEIGHTS)


def _ask_to_overwrite(filepath: str) -> bool:
    """Keras's prompt before overwriting a file when `overwrite=False`."""
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]").strip().lower()
    while answer not in ("y", "n"):
        answer = input('Enter "y" (overwrite) or "n" (cancel).').strip().lower()
    if answer == "n":
        return False
    print("[TIP] Next time specify overwrite=True!")
    return True


def load_model(filepath: Any, custom_objects: dict | None = None, compile: bool = True, safe_mode: bool = True) -> Any:
    """`keras.models.load_model` of a `.keras` file (written by tfshim or by Keras 3)."""
    from tfshim.keras.layers.serialization import deserialize

    filepath = os.fspath(filepath)
    if filepath.endswith((".h5", ".hdf5")):
        raise NotImplementedError("tfshim: legacy `.h5` model files are not supported; load a `.keras` file.")
    if not filepath.endswith(".keras"):
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` files, "
                         "legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is not "
                         "supported by `load_model()` in Keras 3. In order to reload a TensorFlow SavedModel as an "
                         f"inference-only layer in Keras 3, use `keras.layers.TFSMLayer({filepath}, "
                         "call_endpoint='serving_default')` (note that your `call_endpoint` might have a different "
                         "name).")
    if not os.path.exists(filepath):
        raise ValueError(f"File not found: filepath={filepath}. Please ensure the file is an accessible `.keras` "
                         "zip file.")
    with zipfile.ZipFile(filepath, "r") as archive:
        config = json.loads(archive.read(_CONFIG))
        compile_config = config.get("compile_config") if compile else None
        model = deserialize(config, custom_objects)
        if compile_config:
            model.compile_from_config(compile_config)
            if model.built:  # (so that the saved optimizer slots have variables to load into)
                model.optimizer.build(model.trainable_variables)
        with tempfile.TemporaryDirectory() as folder:
            archive.extract(_WEIGHTS, folder)
            load_weights_only(model, os.path.join(folder, _WEIGHTS))
    return model
