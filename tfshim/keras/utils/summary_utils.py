"""`model.summary()`: the table Keras 3.15 prints, laid out as `rich` lays it out, in plain text.

Keras prints through `rich`; without a terminal rich prints no colours, so the text is the box
table below. tfshim reproduces rich's layout rules (column widths from `positions`, shrunk evenly
to fit the line, one space of padding, word wrap, `…` for words longer than a cell) without
depending on rich.
"""

from __future__ import annotations

import math
import re
import shutil
import sys
from typing import Any

import tfshim as tf

_DTYPE_BITS = {"bool": 1, "float16": 16, "bfloat16": 16, "float32": 32, "float64": 64, "int8": 8, "uint8": 8,
               "int16": 16, "uint16": 16, "int32": 32, "uint32": 32, "int64": 64, "uint64": 64,
               "complex64": 64, "complex128": 128, "string": 8}
_WORD = re.compile(r"\s*\S+\s*")


def count_params(weights: list) -> int:
    return int(sum(math.prod(tuple(v.shape)) for v in weights))


def weight_memory_size(weights: list) -> float:
    """Bytes taken by `weights` (each variable counted once)."""
    unique = {id(w): w for w in weights}.values()
    return sum(math.prod(tuple(w.shape)) * _DTYPE_BITS.get(str(w.dtype), 32) for w in unique) / 8


def readable_memory_size(size: float) -> str:
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    for unit in units:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} {units[-1]}"


def _format_shape(shape: Any) -> str:
    return f"({', '.join(str(d) for d in shape)})"


def format_layer_shape(layer: Any) -> str:
    """The output shape column: from the layer's last symbolic call, else from the shape it was built
    with (through `compute_output_shape`), else `?`."""
    nodes = layer._inbound_nodes
    if not nodes and layer._build_shapes is None:
        return "?"
    if nodes:
        outputs = nodes[-1].output_structure
        shapes = tf.nest.map_structure(lambda x: _format_shape(x.shape), outputs)
    else:
        try:
            shape = layer.output_shape if hasattr(layer, "output_shape") else None
            if shape is None:
                shape = layer.compute_output_shape(layer._build_shapes)
        except NotImplementedError:
            return "?"
        if isinstance(shape, tuple) and all(d is None or isinstance(d, int) for d in shape):
            shapes = _format_shape(shape)
        else:
            shapes = tf.nest.map_structure(lambda s: s, shape)
            return str(shapes).replace("'", "")
    flat = tf.nest.flatten(shapes)
    if len(flat) == 1:
        return flat[0]
    return str(shapes).replace("'", "")


def _ratio_reduce(total: int, ratios: list, maximums: list, values: list) -> list:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _wrap(text: str, width: int) -> list[str]:
    """rich's word wrap (no folding): a word longer than the cell is cut with `…`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        breaks = []
        offset = 0
        for match in _WORD.finditer(paragraph):
            start, word = match.start(), match.group()
            length = len(word.rstrip())
            if width - offset >= length:
                offset += len(word)
            elif length > width:
                if start:
                    breaks.append(start)
                offset = len(word)
            elif offset and start:
                breaks.append(start)
                offset = len(word)
        pieces = [paragraph[a:b] for a, b in zip([0, *breaks], [*breaks, len(paragraph)])]
        for piece in pieces or [""]:
            if len(piece) > width:
                stripped = piece.rstrip()
                piece = stripped if len(stripped) <= width else stripped[:max(width - 1, 0)] + "…"
            lines.append(piece)
    return lines


def _cell_lines(text: str, width: int, justify: str) -> list[str]:
    inner = width - 2
    out = []
    for line in _wrap(text, inner):
        if justify == "right":
            line = line.rstrip()
            line = line[:inner].rjust(inner)
        elif justify == "center":
            line = line.strip().center(inner)
        else:
            line = line[:inner].ljust(inner)
        out.append(f" {line} ")
    return out


def render_table(header: list, alignment: list, rows: list, column_widths: list, line_length: int) -> list[str]:
    """rich's `Table(show_lines=True)` with the HEAVY_HEAD box, as lines of text."""
    widths = [w + 2 for w in column_widths]
    max_width = line_length - (len(widths) + 1)
    widths = [min(w, max_width) for w in widths]
    if sum(widths) > max_width:
        widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)

    def row_lines(cells: list, edge: str) -> list[str]:
        columns = [_cell_lines(str(c), w, a) for c, w, a in zip(cells, widths, alignment)]
        height = max(len(c) for c in columns)
        columns = [c + [" " * w] * (height - len(c)) for c, w in zip(columns, widths)]
        return [edge + edge.join(col[i] for col in columns) + edge for i in range(height)]

    out = ["┏" + "┳".join("━" * w for w in widths) + "┓"]
    out += row_lines(header, "┃")
    out.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    if rows:
        for i, row in enumerate(rows):
            if i:
                out.append("├" + "┼".join("─" * w for w in widths) + "┤")
            out += row_lines(row, "│")
    out.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return out


def _sequential_like(model: Any) -> bool:
    from tfshim.keras.models.functional import Functional

    if not isinstance(model, Functional):
        return True
    nodes: list = []
    for depth_nodes in model._nodes_by_depth.values():
        if len(depth_nodes) > 1 or (len(depth_nodes) == 1 and len(depth_nodes[0].input_tensors) > 1):
            return False
        nodes += depth_nodes
    for layer in model.layers:
        seen = False
        for node in layer._inbound_nodes:
            if any(node is n for n in nodes):
                if seen:
                    return False
                seen = True
    return True


def print_summary(model: Any, line_length: int | None = None, positions: Any = None, print_fn: Any = None,
                  expand_nested: bool = False, show_trainable: bool = False, layer_range: Any = None) -> None:
    from tfshim.keras.models.functional import Functional

    sequential_like = _sequential_like(model)
    layers = model._operations if isinstance(model, Functional) else model.layers
    relevant_nodes: list = []
    if sequential_like:
        default_line_length = 88
        positions = positions or [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        alignment = ["left", "left", "right"]
    else:
        default_line_length = 108
        positions = positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        alignment = ["left", "left", "right", "left"]
        for depth_nodes in model._nodes_by_depth.values():
            relevant_nodes += depth_nodes
    if show_trainable:
        default_line_length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        alignment.append("center")
    default_line_length = min(default_line_length, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default_line_length
    column_widths = []
    current = 0
    for pos in positions:
        width = int(pos * line_length) - current
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        column_widths.append(width)
        current += width

    def connections(layer: Any) -> str:
        parts = []
        for node in layer._inbound_nodes:
            if relevant_nodes and all(node is not n for n in relevant_nodes):
                continue
            for kt in node.input_tensors:
                operation, node_index, tensor_index = kt._keras_history
                parts.append(f"{operation.name}[{node_index}][{tensor_index}]")
        return ", ".join(parts) or "-"

    def fields(layer: Any, prefix: str = "") -> list:
        name = f"{prefix}{layer.name} ({type(layer).__name__})"
        if not hasattr(layer, "built"):
            params = "0"
        elif not layer.built:
            params = "0 (unbuilt)"
        else:
            params = f"{layer.count_params():,}"
        out = [name, format_layer_shape(layer), params]
        if not sequential_like:
            out.append(connections(layer))
        if show_trainable:
            out.append(("Y" if layer.trainable else "N") if getattr(layer, "weights", None) else "-")
        return out

    def layer_rows(layer: Any, level: int = 0) -> list:
        prefix = "   " * level + "└ " if level else ""
        rows = [fields(layer, prefix)]
        if expand_nested and getattr(layer, "layers", None):
            for sub in layer.layers:
                rows.extend(layer_rows(sub, level + 1))
        return rows

    start, stop = 0, len(layers)
    if layer_range is not None:
        if len(layer_range) != 2:
            raise ValueError(f"layer_range must be a list or tuple of length 2. Received: layer_range = "
                             f"{layer_range} of length {len(layer_range)}")
        names = [layer.name for layer in layers]
        starts = [i for i, n in enumerate(names) if re.match(layer_range[0], n)]
        stops = [i for i, n in enumerate(names) if re.match(layer_range[1], n)]
        if not starts or not stops:
            raise ValueError(f"Passed layer_names do not match the layer names in the model. Received: "
                             f"{layer_range}")
        start, stop = starts[0], stops[-1] + 1
    rows = []
    for layer in layers[start:stop]:
        rows.extend(layer_rows(layer))

    trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    trainable_count, trainable_size = count_params(trainable), weight_memory_size(trainable)
    non_trainable_count, non_trainable_size = count_params(non_trainable), weight_memory_size(non_trainable)
    optimizer = getattr(model, "optimizer", None)
    optimizer_built = bool(getattr(model, "compiled", False) and optimizer is not None
                           and getattr(optimizer, "built", False))
    optimizer_count = count_params(optimizer.variables) if optimizer_built else 0
    optimizer_size = weight_memory_size(optimizer.variables) if optimizer_built else 0
    total_count = trainable_count + non_trainable_count + optimizer_count
    total_size = trainable_size + non_trainable_size + optimizer_size

    lines = [f'Model: "{model.name}"']
    lines += render_table(header, alignment, rows, column_widths, line_length)
    lines.append(f" Total params: {total_count:,} ({readable_memory_size(total_size)})")
    lines.append(f" Trainable params: {trainable_count:,} ({readable_memory_size(trainable_size)})")
    lines.append(f" Non-trainable params: {non_trainable_count:,} ({readable_memory_size(non_trainable_size)})")
    if optimizer_built:
        lines.append(f" Optimizer params: {optimizer_count:,} ({readable_memory_size(optimizer_size)})")
    width = shutil.get_terminal_size().columns  # rich crops what does not fit the console
    text = "\n".join(line[:width] for line in lines) + "\n"
    if print_fn is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        print_fn(text)
