"""Spec sections 1, 3-6, 8, 9, 16-18 (the Keras core): the Keras variable, the Layer base class
(build, add_weight, weights order, trainable, losses, training propagation, dtype policy), names
and paths, reprs, Sequential/functional/subclassed models (layers, paths, summary text),
GradientTape over Keras objects, backend/utils, and the misuses' exception classes."""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_models"
_RNG = np.random.default_rng(1010)
_X = _RNG.uniform(-1.0, 1.0, (4, 3)).astype(np.float32)
_K = _RNG.uniform(-0.5, 0.5, (3, 2)).astype(np.float32)
_B = np.array([0.1, -0.2], np.float32)
_K2 = _RNG.uniform(-0.5, 0.5, (2, 1)).astype(np.float32)


def _fresh(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    return tf.keras


def _paths(variables: Any) -> list:
    return [v.path for v in variables]


def _summary(model: Any, **kwargs: Any) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.summary(**kwargs)
    return out.getvalue()


def _cell_class(keras: Any) -> Any:
    class Cell(keras.layers.Layer):
        def __init__(self, units: int = 2, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.units = units
            self.fc = keras.layers.Dense(units, name="fc")

        def build(self, input_shape: Any) -> None:
            self.seen_shape = input_shape
            self.gain = self.add_weight(shape=(), initializer="ones", name="gain")
            self.state = self.add_weight(shape=(self.units,), initializer="zeros", trainable=False, name="state")
            self.extra = self.add_weight(shape=(1,), initializer="ones")

        def call(self, x: Any, training: Any = None) -> Any:
            self.seen_training = training
            return self.fc(x) * self.gain

    return Cell


# -- 3. the Keras variable ---------------------------------------------------------------------------
@case(AREA, "variable basics")
def variable_basics(tf: Any) -> Any:
    keras = _fresh(tf)
    v = keras.Variable(np.full((3, 1), 0.25, np.float32), name="kernel")
    return [type(v).__name__, v.path, v.name, v.dtype, type(v.dtype).__name__, v.dtype == tf.float32, v.shape,
            v.ndim, v.trainable, v.aggregation, v.synchronization, v.constraint, v.regularizer,
            isinstance(v, tf.Variable), tf.is_tensor(v), repr(v), str(v), v.value.name,
            type(v.numpy()).__name__, v.numpy().flags.writeable]


@case(AREA, "variable protocols and operators")
def variable_protocols(tf: Any) -> Any:
    keras = _fresh(tf)
    v = keras.Variable(np.array([1.5, -2.0], np.float32))
    s = keras.Variable(2.5)
    return [v * 2, 1.0 + v, -v, v == v, v > 0, np.array(v), float(s), int(s), v[0], tf.convert_to_tensor(v),
            tf.reduce_sum(v), tf.matmul(tf.ones((1, 2)), tf.reshape(v, (2, 1))), abs(v), v ** 2, 3.0 - v, v / 2.0,
            tf.Variable(v), attempt(len, v), attempt(hash, v), attempt(lambda: {v}), attempt(bool, v),
            attempt(lambda: v.dtype.name), attempt(lambda: v.read_value), attempt(float, v)]


@case(AREA, "variable assign family")
def variable_assign(tf: Any) -> Any:
    keras = _fresh(tf)
    v = keras.Variable(np.zeros((2,), np.float32))
    a = v.assign([1.0, 2.0])
    b = v.assign_add(np.array([0.5, 0.5], np.float32))
    c = v.assign_sub(tf.constant([1.0, 1.0]))
    d = v.assign(np.array([3, 4], np.int32))
    return [a, b, c, d, v.numpy(), type(a).__name__ == type(tf.constant(1.0)).__name__,
            attempt(v.assign, np.zeros((3,), np.float32))]


@case(AREA, "variable default dtypes and names")
def variable_dtypes(tf: Any) -> Any:
    keras = _fresh(tf)
    vs = [keras.Variable(np.zeros((2,))), keras.Variable(np.zeros((2,), np.int64)), keras.Variable(1.5),
          keras.Variable(3),
          keras.Variable(True), keras.Variable(tf.constant([1.0], tf.float64)), keras.Variable(1.0, dtype=tf.float64),
          keras.Variable(1.0, dtype="float16"), keras.Variable(1.0, name="a:b")]
    return [[v.dtype, v.name, v.path] for v in vs] + [attempt(keras.Variable, 1.0, name="a/b"),
                                                      attempt(lambda: keras.Variable(1.0, constraint=abs).constraint)]


@case(AREA, "variable under floatx float64")
def variable_floatx(tf: Any) -> Any:
    keras = _fresh(tf)
    keras.backend.set_floatx("float64")
    try:
        out = [keras.Variable(1.5).dtype, keras.Variable(np.zeros((1,), np.float32)).dtype,
               keras.Variable(keras.initializers.Zeros(), shape=(2,)).dtype, keras.backend.floatx()]
    finally:
        keras.backend.set_floatx("float32")
    return out


@case(AREA, "set_floatx of a non-float raises ValueError", compare_message=False)
def set_floatx_int(tf: Any) -> Any:
    return [attempt(_fresh(tf).backend.set_floatx, "int32")]


@case(AREA, "variable trainable flag and the tape")
def variable_trainable(tf: Any) -> Any:
    keras = _fresh(tf)
    v = keras.Variable(2.0)
    frozen = keras.Variable(3.0, trainable=False)
    with tf.GradientTape(persistent=True) as tape:
        y = v * v + frozen * v
        v.trainable = False
        z = v * 5.0
    return [tape.gradient(y, [v, frozen]), tape.gradient(z, v), v.trainable, v.value.trainable,
            frozen.value.trainable, [w.name for w in tape.watched_variables()]]


# -- 4. layers --------------------------------------------------------------------------------------
@case(AREA, "custom layer builds from the first call's shape")
def layer_build(tf: Any) -> Any:
    keras = _fresh(tf)
    c = _cell_class(keras)(name="cell")
    before = [c.built, repr(c), c.weights, attempt(c.count_params)]
    y = c(_X)
    return [*before, c.built, repr(c), c.seen_shape, type(c.seen_shape).__name__, y.shape, y.dtype,
            _paths(c.weights), _paths(c.trainable_weights), _paths(c.non_trainable_weights), _paths(c.variables),
            _paths(c.trainable_variables), c.count_params(), c.path, c.fc.path, attempt(c.add_weight, shape=(1,),
            name="late")]


@case(AREA, "add_weight defaults and dtypes")
def add_weight_defaults(tf: Any) -> Any:
    keras = _fresh(tf)
    layer = keras.layers.Layer(name="holder")
    a = layer.add_weight(shape=(2, 2), initializer="zeros")
    b = layer.add_weight(dtype="int32", shape=(2,), initializer=keras.initializers.Constant(1.5), name="ints")
    c = layer.add_weight(initializer="ones", name="scalar")
    d = layer.add_weight(shape=(2,), dtype="int32", name="intdefault")
    return [[w.path, w.dtype, w.shape, w.numpy()] for w in (a, b, c, d)] + [attempt(layer.add_weight, "named")]


@case(AREA, "weights order: trainable first, sub-layers after")
def weights_order(tf: Any) -> Any:
    keras = _fresh(tf)

    class Mixed(keras.layers.Layer):
        def build(self, input_shape: Any) -> None:
            self.first = self.add_weight(shape=(1,), initializer="zeros", trainable=False, name="first")
            self.second = self.add_weight(shape=(1,), initializer="zeros", name="second")
            self.third = self.add_weight(shape=(1,), initializer="zeros", trainable=False, name="third")

        def call(self, x: Any) -> Any:
            return x

    m = Mixed(name="mixed")
    m(_X)
    return [_paths(m.weights), _paths(m.trainable_weights), _paths(m.non_trainable_weights),
            m.weights is m.weights]


@case(AREA, "only Keras variables and layers are tracked")
def tracking_only_keras(tf: Any) -> Any:
    keras = _fresh(tf)

    class Holder(keras.layers.Layer):
        def __init__(self) -> None:
            super().__init__(name="holder")
            self.plain = tf.Variable(1.0, name="plain")
            self.module = tf.Module(name="mod")
            self.module.v = tf.Variable(2.0)
            self.kv = keras.Variable(3.0, name="kv")
            self.stack = [keras.layers.Dense(1, name="d0", kernel_initializer="ones"),
                          {"k": keras.layers.Dense(1, name="d1", kernel_initializer="ones")}]
            self.pair = (keras.layers.Dense(1, name="d2", kernel_initializer="ones"),)

        def call(self, x: Any) -> Any:
            return self.pair[0](self.stack[1]["k"](self.stack[0](x))) * self.plain

    h = Holder()
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(h(_X))
    grads = tape.gradient(y, h.plain)
    return [_paths(h.weights), [layer.name for layer in h._flatten_layers(include_self=False)], grads]


@case(AREA, "get_weights and set_weights")
def get_set_weights(tf: Any) -> Any:
    keras = _fresh(tf)
    d = keras.layers.Dense(2, name="proj")
    d.build((None, 3))
    got = d.get_weights()
    ret = d.set_weights([_K.astype(np.float64), _B])
    after = d.get_weights()
    s = keras.layers.Layer(name="s")
    s.add_weight(shape=(), initializer="ones", name="z")
    return [[type(g).__name__ for g in got], ret, after, [type(x).__name__ for x in s.get_weights()],
            attempt(d.set_weights, [_K]), attempt(d.set_weights, [_K, np.zeros(3, np.float32)]),
            attempt(d.set_weights, [np.ones((3, 2), np.float32) * 7, np.zeros((5,), np.float32)]), d.kernel.numpy()]


@case(AREA, "trainable on layers and models")
def trainable_flags(tf: Any) -> Any:
    keras = _fresh(tf)
    a = keras.layers.Dense(2, name="a", trainable=False)
    b = keras.layers.Dense(1, name="b")
    m = keras.Sequential([keras.Input((3,)), a, b], name="seq")
    out = [_paths(m.trainable_weights), _paths(m.non_trainable_weights), [w.trainable for w in a.weights]]
    m.trainable = True  # the value it already has: a no-op
    out.append(_paths(m.trainable_weights))
    m.trainable = False
    out += [_paths(m.trainable_weights), m.trainable_variables, [w.trainable for w in b.weights], a.trainable]
    m.trainable = True
    out += [_paths(m.trainable_weights), a.trainable, [w.trainable for w in a.weights]]
    return out


@case(AREA, "frozen layer weights still get gradients")
def frozen_gradients(tf: Any) -> Any:
    keras = _fresh(tf)
    d = keras.layers.Dense(2, name="fz")
    d.build((None, 3))
    d.set_weights([_K, _B])
    d.trainable = False
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(d(_X) ** 2)
    return [tape.gradient(y, d.weights), d.trainable_weights, [w.name for w in tape.watched_variables()]]


@case(AREA, "add_loss and regularizer losses")
def losses(tf: Any) -> Any:
    keras = _fresh(tf)

    class Lossy(keras.layers.Layer):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.dense = keras.layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.1), name="d")

        def call(self, x: Any) -> Any:
            self.add_loss(tf.reduce_sum(x) * 0.0 + 1.0)
            return self.dense(x)

    a = Lossy(name="a", activity_regularizer=keras.regularizers.L1(0.5))
    b = Lossy(name="b")
    m = keras.Sequential([keras.Input((3,)), a, b], name="lm")
    after_build = len(m.losses)
    a.dense.set_weights([_K, _B])
    b.dense.set_weights([_K[:2], _B])
    m(_X)
    m(_X)
    return [after_build, m.losses, a.losses, b.losses, attempt(a.add_loss, 1.0)]


@case(AREA, "training propagates to nested calls")
def training_propagation(tf: Any) -> Any:
    keras = _fresh(tf)
    c = _cell_class(keras)(name="c")
    m = keras.Sequential([c], name="outer")
    seen = []
    for kwargs in ({}, {"training": True}, {"training": False}, {}):
        m(_X, **kwargs)
        seen.append(c.seen_training)

    class Default(keras.layers.Layer):
        def call(self, x: Any, training: bool = True) -> Any:
            self.got = training
            return x

    d = Default()
    d(_X)
    got = [d.got]
    d(_X, training=False)
    got.append(d.got)

    class NoTraining(keras.layers.Layer):
        def call(self, x: Any) -> Any:
            return x * 2.0

    return [seen, got, NoTraining()(_X, training=True)]


@case(AREA, "dtype policy and input autocasting")
def dtype_policy(tf: Any) -> Any:
    keras = _fresh(tf)

    class Mat(keras.layers.Layer):
        def build(self, input_shape: Any) -> None:
            self.w = self.add_weight(shape=(input_shape[-1], 1), initializer="ones", name="w")

        def call(self, x: Any) -> Any:
            return tf.matmul(x, self.w)

    layer = Mat()
    x64 = _X.astype(np.float64)
    out = [layer.dtype, layer.compute_dtype, layer.variable_dtype, layer.dtype_policy.name, repr(layer.dtype_policy),
           layer(x64).dtype, layer(tf.constant(x64)).dtype, attempt(layer, np.ones((4, 3), np.int32))]
    d64 = Mat(dtype="float64")
    out += [d64(_X).dtype, d64.w.dtype]
    raw = Mat(autocast=False, dtype="float64")
    out += [raw(x64).dtype]
    dense = keras.layers.Dense(2)
    out += [dense(np.ones((2, 3), np.int32)).dtype]
    return out


@case(AREA, "floatx fixes the global policy until clear_session")
def floatx_policy(tf: Any) -> Any:
    keras = _fresh(tf)
    keras.backend.set_floatx("float64")
    try:
        first = keras.layers.Dense(1)
        first.build((None, 2))
        second = keras.layers.Dense(1)
        second.build((None, 2))
        keras.backend.clear_session()
        keras.backend.set_floatx("float32")
        third = keras.layers.Dense(1)
        third.build((None, 2))
        keras.backend.set_floatx("float64")
        fourth = keras.layers.Dense(1)
        fourth.build((None, 2))
        out = [first.kernel.dtype, second.kernel.dtype, third.kernel.dtype, fourth.kernel.dtype]
    finally:
        keras.backend.set_floatx("float32")
        keras.backend.clear_session()
    return out


@case(AREA, "count_params, compute_output_shape, config")
def layer_misc(tf: Any) -> Any:
    keras = _fresh(tf)
    d = keras.layers.Dense(4, name="cfg")
    unbuilt = attempt(d.count_params)
    d.build((None, 3))
    config = d.get_config()
    clone = keras.layers.Dense.from_config(config)
    base = keras.layers.Layer(name="base", trainable=False)
    return [unbuilt, d.count_params(), d.compute_output_shape((None, 3)), sorted(config), config["name"],
            config["dtype"], clone.name, clone.units, base.get_config()]


@case(AREA, "stateless layer is built on its first call")
def stateless_built(tf: Any) -> Any:
    keras = _fresh(tf)

    class Double(keras.layers.Layer):
        def call(self, x: Any) -> Any:
            return x * 2.0

    d = Double()
    before = d.built
    y = d(_X)
    explicit = keras.layers.Dense(5)
    explicit.build((2,))
    return [before, d.built, y, d.weights, explicit.kernel.shape, explicit.built]


@case(AREA, "a layer without super().__init__ raises")
def missing_super(tf: Any) -> Any:
    keras = _fresh(tf)

    class Bad(keras.layers.Layer):
        def __init__(self) -> None:
            self.units = 2

        def call(self, x: Any) -> Any:
            return x

    return [attempt(lambda: Bad()(_X)), attempt(lambda: Bad().add_weight(shape=(1,)))]


@case(AREA, "layer misuse errors")
def layer_errors(tf: Any) -> Any:
    keras = _fresh(tf)
    return [attempt(keras.layers.Dense(2), [[1.0, 2.0]]), attempt(keras.layers.Dense(2), _X[0]),
            attempt(lambda: keras.layers.Dense(3).kernel), attempt(lambda: keras.layers.Dense(3).output),
            attempt(lambda: keras.layers.Dense(3).input), attempt(keras.layers.Dense, 3, name="a/b"),
            attempt(keras.layers.Layer, trainable=1), attempt(keras.layers.Layer, bogus=1),
            attempt(lambda: keras.Sequential().add("x")), attempt(keras.Input, shape=3)]


# -- 5./6. names, paths, reprs ------------------------------------------------------------------------
@case(AREA, "auto names and the global counter")
def auto_names(tf: Any) -> Any:
    keras = _fresh(tf)

    class ResidualUnit(keras.layers.Layer):
        pass

    class Conv3DBlock(keras.layers.Layer):
        pass

    class MyModel(keras.Model):
        pass

    class M(keras.Model):
        pass

    names = [keras.layers.Dense(1).name, keras.layers.Dense(1, name="named").name, keras.layers.Dense(1).name,
             ResidualUnit().name, ResidualUnit().name, Conv3DBlock().name, keras.layers.ReLU().name,
             keras.layers.PReLU().name, keras.Sequential().name, keras.Sequential().name, MyModel().name, M().name,
                                M().name,
             keras.Model().name, keras.layers.InputLayer(shape=(2,)).name, keras.Input((2,)).name,
                         keras.Input((2,)).name,
             keras.Variable(1.0).name, keras.Variable(1.0).name]
    x = keras.Input((2,))
    names += [keras.Model(x, keras.layers.Dense(1)(x)).name, keras.Model(x, keras.layers.Dense(1)(x)).name]
    keras.backend.clear_session()
    names += [keras.layers.Dense(1).name, keras.Variable(1.0).name, keras.Sequential().name]
    return names


@case(AREA, "variable paths follow the enclosing layers")
def paths(tf: Any) -> Any:
    keras = _fresh(tf)
    proj = keras.layers.Dense(1, name="proj")
    proj.build((None, 3))
    early = keras.layers.Dense(2)
    early.build((None, 2))
    stack = keras.Sequential([keras.layers.Dense(2, name="l1"), early], name="stack")
    stack(np.ones((1, 3), np.float32))

    class Clf(keras.Model):
        def __init__(self) -> None:
            super().__init__(name="clf")
            self.trunk = keras.Sequential([keras.layers.Dense(3, name="h")], name="trunk")
            self.o = keras.layers.Dense(1, name="o")

        def call(self, x: Any) -> Any:
            return self.o(self.trunk(x))

    clf = Clf()
    clf(_X)
    x = keras.Input((3,))
    f = keras.Model(x, keras.layers.Dense(1, name="score")(x), name="graph")
    return [_paths(proj.weights), proj.kernel.value.name, _paths(stack.weights), _paths(clf.weights),
            _paths(f.weights), [layer.path for layer in stack.layers]]


@case(AREA, "reprs")
def reprs(tf: Any) -> Any:
    keras = _fresh(tf)

    class Tower(keras.Model):
        def call(self, x: Any) -> Any:
            return x

    d = keras.layers.Dense(1, name="proj")
    out = [repr(d), str(d)]
    d.build((None, 2))
    x = keras.Input((5,), name="feat")
    f = keras.Model(x, keras.layers.Dense(2)(x), name="graph")
    out += [repr(d), repr(keras.Sequential(name="stack")), repr(f), repr(Tower(name="tw")), repr(x), str(x),
            repr(keras.Input((2, 3), batch_size=4, dtype="int32")), repr(keras.layers.InputSpec(min_ndim=2)),
            repr(keras.layers.InputSpec(shape=(None, 3), dtype="float32")), repr(keras.DTypePolicy("float32")),
            repr(keras.DTypePolicy("mixed_float16"))]
    return out


# -- 7. Input / InputLayer ------------------------------------------------------------------------------
@case(AREA, "Input and InputLayer")
def inputs(tf: Any) -> Any:
    keras = _fresh(tf)
    x = keras.Input(shape=(3,))
    layer = keras.layers.InputLayer(shape=(6,))
    return [type(x).__name__, x.shape, type(x.shape).__name__, x.dtype, tf.is_tensor(x),
            keras.backend.is_keras_tensor(x), keras.Input((3,), batch_size=8).shape, keras.Input(shape=()).shape,
            layer.output.shape, layer.batch_shape, layer.built, layer.weights, layer.get_config(),
            attempt(keras.Input), attempt(keras.layers.InputLayer, shape=(2,), batch_shape=(None, 2))]


# -- 8. models ----------------------------------------------------------------------------------------------
@case(AREA, "Sequential built from an Input")
def sequential_input(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(7, name="d")], name="s")
    return [m.built, [layer.name for layer in m.layers], m.input_shape, m.output_shape, _paths(m.weights),
            m.inputs, m.outputs, m.count_params(), _summary(m)]


@case(AREA, "Sequential built on its first call")
def sequential_call(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.layers.Dense(3, name="a"), keras.layers.Dense(2, name="b")], name="stack")
    before = [m.built, m.weights, attempt(lambda: m.input_shape), attempt(lambda: m.inputs), _summary(m)]
    y = m(np.ones((2, 5), np.float32))
    return [*before, m.built, y.shape, y.dtype, _paths(m.weights), m.input_shape, m.output_shape, _summary(m)]


@case(AREA, "Sequential add and pop")
def sequential_add_pop(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential(name="grow")
    m.add(keras.Input((3,)))
    m.add(keras.layers.Dense(4, name="h"))
    first = [m.built, m.output_shape, [layer.name for layer in m.layers]]
    m.add(keras.layers.Dense(2, name="o"))
    second = [m.built, m.output_shape, _paths(m.weights)]
    popped = m.pop()
    third = [popped.name, m.output_shape, _paths(m.weights), [layer.name for layer in m.layers]]
    y = m(_X)
    return [first, second, third, y.shape, attempt(m.add, "x"), attempt(m.add, keras.layers.Dense(1, name="h")),
            attempt(m.add, keras.layers.InputLayer(shape=(2,)))]


@case(AREA, "Sequential explicit build")
def sequential_build(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.layers.Dense(3, name="a")], name="b1")
    m.build((None, 5))
    return [m.built, m.input_shape, m.output_shape, _paths(m.weights), _summary(m),
            attempt(keras.Sequential(name="empty").build, (None, 2))]


@case(AREA, "Sequential forward values with set weights")
def sequential_values(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(1)])
    m.set_weights([_K, _B, _K2, np.array([0.3], np.float32)])
    return [m(_X), m(_X.astype(np.float64)), m(np.ones((2, 3), np.int32)), m(np.zeros((0, 3), np.float32)),
            m.call(tf.constant(_X))]


@case(AREA, "functional model")
def functional(tf: Any) -> Any:
    keras = _fresh(tf)
    inp = keras.Input((3,), name="x")
    h = keras.layers.Dense(2, activation="relu", name="h")(inp)
    o = keras.layers.Dense(1, name="score")(h)
    f = keras.Model(inp, o, name="graph")
    f.set_weights([_K, _B, _K2, np.array([0.3], np.float32)])
    return [repr(f), type(f).__name__, [layer.name for layer in f.layers], _paths(f.weights), f.inputs, f.outputs,
            f.input_shape, f.output_shape, f(_X), f.get_layer("h").name, attempt(f.get_layer, "nope"),
            f.get_layer(index=1).name, attempt(f.get_layer, index=9), attempt(f.get_layer),
            attempt(f.get_layer, "h", 1), _summary(f), f.built, f.count_params()]


@case(AREA, "functional model with several inputs and outputs")
def functional_multi(tf: Any) -> Any:
    keras = _fresh(tf)
    a = keras.Input((3,), name="a")
    b = keras.Input((3,), name="b")
    s = keras.layers.Add(name="add")([a, b])
    d = keras.layers.Dense(2, name="dd")(s)
    c = keras.layers.Concatenate(name="cat")([d, a])
    f = keras.Model([a, b], [s, c], name="multi")
    f.get_layer("dd").set_weights([_K, _B])
    as_list = f([_X, _X * 2.0])
    as_dict = f({"a": _X, "b": _X * 2.0})
    g = keras.Model({"a": a, "b": b}, {"sum": s, "out": d}, name="dicts")
    out = g({"a": _X, "b": _X})
    return [[layer.name for layer in f.layers], type(as_list).__name__, as_list, as_dict, sorted(out),
            out["out"], _summary(f), f.input_shape, f.output_shape]


@case(AREA, "models nested in models")
def nested_models(tf: Any) -> Any:
    keras = _fresh(tf)
    core = keras.Sequential([keras.layers.Dense(3, name="c1"), keras.layers.Dense(2, name="c2")], name="core")

    class Tower(keras.Model):
        def __init__(self) -> None:
            super().__init__(name="tower")
            self.core = core
            self.head = keras.layers.Dense(1, name="head")

        def call(self, x: Any, training: Any = None) -> Any:
            return self.head(self.core(x, training=training))

    tower = Tower()
    x = keras.Input((3,), name="inp")
    stem = keras.layers.Dense(3, name="stem")(x)
    f = keras.Model(x, tower(stem), name="wrap")
    out = [_paths(f.weights), [layer.name for layer in f.layers], [layer.name for layer in tower.layers],
           _summary(f), _summary(f, expand_nested=True, show_trainable=True), tower.built]
    core.trainable = False
    out += [_paths(f.trainable_variables), _paths(f.non_trainable_variables), _summary(f, show_trainable=True)]
    return out


@case(AREA, "subclassed model tracks attributes in assignment order")
def subclassed(tf: Any) -> Any:
    keras = _fresh(tf)

    class Net(keras.Model):
        def __init__(self) -> None:
            super().__init__(name="net")
            self.zeta = keras.layers.Dense(2, name="zeta")
            self.blocks = [keras.layers.Dense(2, name="b0"), keras.layers.Dense(2, name="b1")]
            self.alpha = keras.layers.Dense(1, name="alpha")

        def call(self, x: Any) -> Any:
            x = self.blocks[1](self.blocks[0](x))
            return self.alpha(self.zeta(x))

    n = Net()
    before = [n.built, n.weights, _summary(n)]
    n(_X)
    return [*before, n.built, [layer.name for layer in n.layers], _paths(n.trainable_variables), _summary(n),
            n.count_params()]


@case(AREA, "subclassed model build() without a build method")
def subclassed_build(tf: Any) -> Any:
    keras = _fresh(tf)

    class Lazy(keras.Model):
        def __init__(self) -> None:
            super().__init__(name="lazy")
            self.d = keras.layers.Dense(2, name="d")

        def call(self, x: Any) -> Any:
            return self.d(x)

    m = Lazy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m.build((None, 3))
    out = [m.built, m.weights, [w.category.__name__ for w in caught]]
    m(_X)
    return [*out, _paths(m.weights)]


@case(AREA, "summary of long names and big layers")
def summary_wrapping(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(7, name="d"),
                      keras.layers.Dense(70000, name="big_layer_with_a_very_long_name_indeed_yes"),
                      keras.layers.Dense(3, name="short name with spaces in it ok"), keras.layers.Dropout(0.5)],
                     name="s")
    return [_summary(m), _summary(m, line_length=60), _summary(m, line_length=120, positions=[0.5, 0.7, 1.0])]


# -- 9. GradientTape with Keras objects ---------------------------------------------------------------
@case(AREA, "gradients through a model")
def gradients(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="tanh", name="h"),
                         keras.layers.Dense(1, name="o")])
    m.set_weights([_K, _B, _K2, np.array([0.3], np.float32)])
    unused = keras.layers.Dense(1)
    unused.build((None, 3))
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(m(_X) ** 2)
    grads = tape.gradient(y, m.trainable_variables)
    by_path = tape.gradient(y, {v.path: v for v in m.trainable_variables})
    return [type(grads).__name__, grads, sorted(by_path), by_path["sequential/h/kernel"],
            tape.gradient(y, m.layers[0].kernel), tape.gradient(y, unused.kernel),
            tape.gradient(y, [v.value for v in unused.weights], unconnected_gradients="zero"),
            [v.name for v in tape.watched_variables()], attempt(tape.watch, m.layers[0].kernel)]


@case(AREA, "jacobian, batch_jacobian and second order through a layer")
def jacobians(tf: Any) -> Any:
    keras = _fresh(tf)
    d = keras.layers.Dense(2, activation="tanh", name="j")
    d.build((None, 3))
    d.set_weights([_K, _B])
    x = tf.constant(_X)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch(x)
            y = d(x)
            total = tf.reduce_sum(y)
        g = inner.gradient(total, d.kernel)
        jac = inner.jacobian(y, d.kernel)
        bj = inner.batch_jacobian(y, x)
        gg = tf.reduce_sum(g * g)
    return [jac.shape, jac, bj, g, outer.gradient(gg, d.kernel), outer.gradient(g, x)]


@case(AREA, "unwatched input gets None")
def unwatched_input(tf: Any) -> Any:
    keras = _fresh(tf)
    d = keras.layers.Dense(1)
    x = tf.constant(_X)
    with tf.GradientTape() as tape:
        y = d(x)
    return [tape.gradient(y, [x, d.kernel])[0]]


@case(AREA, "custom training loop matches step by step")
def training_loop(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(3)])
    m.set_weights([_K, _B, _RNG_FIXED_K3, np.zeros(3, np.float32)])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    opt = keras.optimizers.Adam(1e-2)
    labels = np.array([0, 2, 1, 2])
    losses = []
    for _ in range(4):
        with tf.GradientTape() as tape:
            loss = loss_fn(labels, m(_X, training=True))
        grads = tape.gradient(loss, m.trainable_variables)
        opt.apply_gradients(zip(grads, m.trainable_variables))
        losses.append(loss)
    return [losses, m.get_weights()]


_RNG_FIXED_K3 = np.random.default_rng(7).uniform(-0.5, 0.5, (2, 3)).astype(np.float32)


@case(AREA, "tf.function train step equals eager")
def tf_function_step(tf: Any) -> Any:
    keras = _fresh(tf)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    m.set_weights([_K, _B])
    opt = keras.optimizers.SGD(0.1)

    @tf.function
    def step(x: Any) -> Any:
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(m(x) ** 2)
        opt.apply_gradients(zip(tape.gradient(loss, m.trainable_variables), m.trainable_variables))
        return loss

    return [step(_X), step(_X), m.get_weights()]


# -- 16. backend and utils ------------------------------------------------------------------------------
@case(AREA, "backend functions")
def backend(tf: Any) -> Any:
    keras = _fresh(tf)
    b = keras.backend
    out = [b.floatx(), b.epsilon(), b.image_data_format(), b.backend(), b.int_shape(tf.ones((2, 3))),
           b.int_shape(keras.Input((4,))), b.clear_session(), b.is_keras_tensor(tf.ones(1)), keras.__version__,
                       keras.version()]
    b.set_epsilon(1e-2)
    out.append(b.epsilon())
    b.set_epsilon(1e-7)
    b.set_image_data_format("channels_first")
    out.append(b.image_data_format())
    b.set_image_data_format("channels_last")
    return [*out, attempt(b.set_image_data_format, "nchw"), b.standardize_dtype(tf.float64),
            b.standardize_dtype(np.int32), attempt(b.standardize_dtype, "foo")]


@case(AREA, "utils: to_categorical and normalize")
def utils_numerical(tf: Any) -> Any:
    keras = _fresh(tf)
    u = keras.utils
    cat = u.to_categorical([0, 2, 1, 2])
    return [cat, cat.dtype.name, type(cat).__name__, u.to_categorical(np.array([[1], [0]]), num_classes=3),
            u.to_categorical([[0, 1], [1, 1]]), u.normalize(np.array([[3.0, 4.0], [0.0, 0.0]])),
            u.normalize(np.array([[1.0, -2.0, 2.0]]), order=1), u.normalize(tf.constant([[3.0, 4.0]])),
            u.normalize(np.array([[3.0], [4.0]]), axis=0)]


@case(AREA, "utils: set_random_seed fixes initializers and random draws")
def utils_seed(tf: Any) -> Any:
    keras = _fresh(tf)
    import random

    keras.utils.set_random_seed(1234)
    d = keras.layers.Dense(3)
    d.build((None, 2))
    first = [d.kernel.numpy(), random.random(), np.random.rand(), tf.random.uniform((2,))]
    keras.utils.set_random_seed(1234)
    d2 = keras.layers.Dense(3)
    d2.build((None, 2))
    second = [d2.kernel.numpy(), random.random(), np.random.rand(), tf.random.uniform((2,))]
    return [first, second, keras.utils.set_random_seed(5), attempt(keras.utils.set_random_seed, 1.5)]


# -- 18. namespace ------------------------------------------------------------------------------------------
@case(AREA, "namespace: the core names exist and Keras 2 ones are gone")
def namespace(tf: Any) -> Any:
    keras = tf.keras
    present = ["Model", "Sequential", "Input", "Layer", "Variable", "InputSpec", "KerasTensor", "DTypePolicy"]
    gone = ["estimator", "experimental", "saving"]
    backend_gone = ["placeholder", "function", "learning_phase", "set_learning_phase"]
    return [[hasattr(keras, n) for n in present], [hasattr(keras, n) for n in gone],
            [hasattr(keras.backend, n) for n in backend_gone], keras.Model is keras.models.Model,
            keras.Sequential is keras.models.Sequential, keras.Layer is keras.layers.Layer,
            keras.Input is keras.layers.Input]


# -- 16. keras.ops ------------------------------------------------------------------------------------------
_OPS_I = np.array([1, 2, 3], np.int32)
_OPS_F = np.array([1.0, 2.0, 3.0], np.float32)


def _ops_calls(o: Any, tf: Any) -> list:
    i, f = tf.constant(_OPS_I), tf.constant(_OPS_F)
    d = np.array([1.0, 2.0])
    calls = [lambda: o.add(i, 1.5), lambda: o.add(i, 1), lambda: o.add(f, i), lambda: o.multiply(d, 2.0),
             lambda: o.subtract(np.array([1, 2]), 1), lambda: o.mean(i), lambda: o.sum(i), lambda: o.mean([1, 2]),
             lambda: o.matmul(np.ones((2, 2)), np.ones((2, 2))), lambda: o.relu([-1.0, 2.0]), lambda: o.exp(i),
             lambda: o.sqrt(i), lambda: o.divide(i, i), lambda: o.true_divide(i, 2), lambda: o.max(f),
             lambda: o.argmax(f), lambda: o.shape(f), lambda: o.cast(f, "int32"), lambda: o.convert_to_tensor([1, 2]),
             lambda: o.convert_to_tensor(1.5), lambda: o.convert_to_numpy(f), lambda: o.zeros((2,)),
             lambda: o.ones((2,), dtype="int32"), lambda: o.where(f > 1, f, 0), lambda: o.clip(i, 0, 2),
             lambda: o.one_hot([0, 2], 3), lambda: o.concatenate([f, f]), lambda: o.stack([f, f], axis=1),
             lambda: o.softmax(f), lambda: o.norm(f), lambda: o.std(f), lambda: o.var(f), lambda: o.arange(3),
             lambda: o.arange(0.0, 1.0, 0.5), lambda: o.square(i), lambda: o.power(i, 2),
             lambda: o.abs(tf.constant([-1, 2])), lambda: o.logsumexp(f), lambda: o.mean(d),
             lambda: o.sum(f, axis=0, keepdims=True), lambda: o.full((2,), 3.0), lambda: o.full((2,), 3),
             lambda: o.eye(2), lambda: o.tanh(i), lambda: o.log(f), lambda: o.min(i), lambda: o.prod(i),
             lambda: o.maximum(i, 1.5), lambda: o.equal(i, 2), lambda: o.all(f > 0), lambda: o.cumsum(i),
             lambda: o.transpose(tf.ones((2, 3))), lambda: o.reshape(f, (3, 1)), lambda: o.expand_dims(f, 0),
             lambda: o.squeeze(tf.ones((1, 3))), lambda: o.dot(f, f), lambda: o.stop_gradient(f),
             lambda: o.floor(i), lambda: o.round(tf.constant([0.5, 1.5, 2.5])), lambda: o.sign(i), lambda: o.erf(f),
             lambda: o.leaky_relu(tf.constant([-1.0])), lambda: o.gelu(f), lambda: o.sigmoid(f),
             lambda: o.log_softmax(f), lambda: o.argmin(tf.constant([[3, 1], [0, 2]]), axis=1),
             lambda: o.maximum(d, f[:2]), lambda: o.greater(i, 1.5), lambda: o.mean(tf.ones((2, 3)), axis=1)]
    return [attempt(c) for c in calls]


@case(AREA, "keras.ops values and dtypes")
def keras_ops(tf: Any) -> Any:
    return _ops_calls(_fresh(tf).ops, tf)


@case(AREA, "mixed precision: float16 compute, float32 variables")
def mixed_precision(tf: Any) -> Any:
    keras = _fresh(tf)
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        d = keras.layers.Dense(2, kernel_initializer="ones")
        y = d(_X)
        out = [repr(keras.mixed_precision.global_policy()), d.compute_dtype, d.variable_dtype, d.dtype, y.dtype,
               d.kernel.dtype, y, d.dtype_policy.name]
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.cast(d(_X), tf.float32))
        g = tape.gradient(loss, d.kernel)
        out += [g.dtype, g]
    finally:
        keras.mixed_precision.set_global_policy("float32")
    return [*out, repr(keras.mixed_precision.global_policy()), keras.config.floatx(),
            keras.dtype_policies.get("float64").name]


@case(AREA, "operations on KerasTensors in a functional model")
def keras_tensor_operations(tf: Any) -> Any:
    keras = _fresh(tf)
    x = keras.Input((3,), name="x")
    y = x / 255.0
    z = keras.layers.Dense(2, kernel_initializer="ones", name="d")(y)
    w = -(z * 2 + 1) ** 2
    a = keras.ops.add(x, 1.0)
    s = keras.ops.mean(a, axis=1, keepdims=True)
    first = x[:, 0]
    both = keras.ops.concatenate([w, s], axis=1)
    m = keras.Model(x, [both, first], name="ops_model")
    out = m(_X)
    return [repr(y), repr(w), w._keras_history[0].name, type(w._keras_history[0]).__name__,
            [layer.name for layer in m.layers], out, _summary(m), _summary(m, show_trainable=True),
            repr(first), keras.layers.Add().name, attempt(lambda: tf.nn.relu(x)) is not None]


@case(AREA, "Sequential called on a wrongly shaped input: the call-context error lists kwargs")
def sequential_wrong_input_shape(tf: Any) -> Any:
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    return attempt(model, np.ones((2, 4), "float32"))


@case(AREA, "backend.get_value / set_value (legacy), set_value on a Keras variable raises as in Keras 3.15")
def backend_get_set_value(tf: Any) -> Any:
    backend = tf.keras.backend
    v = tf.keras.Variable([1.0, 2.0])
    w = tf.Variable([1.0, 2.0])
    backend.set_value(w, [3, 4])
    return [backend.get_value(v), backend.get_value(tf.constant(3.0)), backend.get_value(2.5),
            backend.get_value(tf.keras.optimizers.SGD(0.05).learning_rate), w, attempt(backend.set_value, v, [3, 4])]


@case(AREA, "Sequential get_config (serialized layers, build configs) and from_config round trip")
def sequential_config_round_trip(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    layers = tf.keras.layers
    model = tf.keras.Sequential([tf.keras.Input((3,)), layers.Dense(2, activation="relu"), layers.Dropout(0.5, seed=1),
                                 layers.Reshape((2, 1)), layers.UpSampling1D(2)],
                                name="seq")
    config = model.get_config()
    clone = tf.keras.Sequential.from_config(config)
    unbuilt = tf.keras.Sequential([layers.Dense(2)])
    return [config, [layer.name for layer in clone.layers], clone.built, [w.shape for w in clone.weights],
            clone.output_shape, unbuilt.get_config(), tf.keras.Sequential.from_config(unbuilt.get_config()).built]


@case(AREA, "layers.serialize / deserialize, built and unbuilt, unknown class")
def layers_serialize_deserialize(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    layers = tf.keras.layers
    dense = layers.Dense(3)
    before = layers.serialize(dense)
    dense(np.ones((2, 4), "float32"))
    after = layers.serialize(dense)
    again = layers.deserialize(after)
    return [before, after, again.built, [w.shape for w in again.weights],
            attempt(layers.deserialize, {"class_name": "Nope", "config": {}})]


# -- what a functional model does with the inputs it is called on ---------------------------------------
@case(AREA, "functional inputs: the model's input spec (plain ValueError before the call), a trailing axis "
            "of 1 squeezed or added, other ranks refused, integers cast to the Input's dtype")
def functional_input_rules(tf: Any) -> Any:
    keras = _fresh(tf)
    inp = keras.Input((4,))
    model = keras.Model(inp, keras.layers.Dense(2)(keras.layers.Dense(3)(inp)))
    col = keras.Input((3, 1))
    squeeze_model = keras.Model(col, keras.layers.Flatten()(col))
    seq = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    calls = [(model, np.ones((2, 5), np.float32)), (model, np.ones((2, 4, 1), np.float32)),
             (model, np.ones((2, 4), np.int32)), (model, np.ones((4,), np.float32)),
             (model, np.ones((2, 4, 2), np.float32)), (squeeze_model, np.ones((2, 3), np.float32)),
             (seq, np.ones((2, 4, 1), np.float32)), (seq, np.ones((4,), np.float32)),
             (seq, np.ones((2, 5), np.float32))]
    out: list = [[(s.name, s.shape, s.allow_last_axis_squeeze) for s in model.input_spec]]
    for m, x in calls:
        result = attempt(m, x)
        out.append(result.shape if hasattr(result, "shape") and not isinstance(result, Exception) else result)
    return out


@case(AREA, "functional inputs: several named inputs by position and by dict, a missing key, too few, and "
            "the structure-mismatch warning")
def functional_named_inputs(tf: Any) -> Any:
    keras = _fresh(tf)
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    pair = keras.Model([a, b], keras.layers.Concatenate()([a, b]))
    da, db = keras.Input((3,), name="da"), keras.Input((2,), name="db")
    by_key = keras.Model({"db": db, "da": da}, keras.layers.Concatenate()([da, db]))
    single_in = keras.Input((3,))
    single = keras.Model(single_in, keras.layers.Dense(1, kernel_initializer="ones")(single_in))
    x3, x2 = np.ones((2, 3), np.float32), np.ones((2, 2), np.float32)
    out: list = []
    for m, x in ((pair, [x3, x2]), (pair, (x3, x2)), (pair, {"a": x3, "b": x2}), (pair, [x3, x3]), (pair, [x3]),
                 (pair, {"a": x3}), (by_key, {"da": x3, "db": x2}), (by_key, [x3, x2]), (by_key, {"da": x3}),
                 (single, [x3]), (single, {"nope": x3})):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = attempt(m, x)
        out.append([result.shape if hasattr(result, "shape") and not isinstance(result, Exception) else result,
                    [str(w.message) for w in caught if "structure" in str(w.message)]])
    return out


# -- functional configs, JSON, and subclasses built functionally ----------------------------------------
def _functional_models(keras: Any) -> list:
    keras.utils.set_random_seed(12)
    x = keras.Input((4,), name="x")
    simple = keras.Model(x, keras.layers.Dense(2)(keras.layers.Dense(3, activation="relu")(x)))
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    joined = keras.layers.Concatenate()([a, b])
    multi = keras.Model({"a": a, "b": b}, [joined, keras.layers.Dense(1)(joined)], name="two")
    shared = keras.layers.Dense(4, name="shared")
    s = keras.Input((4,))
    twice = keras.Model(s, keras.layers.Add()([shared(s), shared(shared(s))]))
    inner_in = keras.Input((3,))
    inner = keras.Model(inner_in, keras.layers.Dense(2, name="inner_dense")(inner_in), name="inner")
    o = keras.Input((3,))
    nested = keras.Model(o, keras.layers.Dense(1, name="head")(inner(o)), name="outer")
    return [simple, multi, twice, nested]


@case(AREA, "functional get_config: layers with their inbound nodes, input and output layers (dict inputs, "
            "a shared layer, a nested model)")
def functional_get_config(tf: Any) -> Any:
    return [m.get_config() for m in _functional_models(_fresh(tf))]


@case(AREA, "functional from_config and model_from_json rebuild the graph: same layers, shapes and outputs "
            "once the weights are copied")
def functional_from_config(tf: Any) -> Any:
    keras = _fresh(tf)
    out = []
    for m in _functional_models(keras):
        for rebuilt in (keras.Model.from_config(m.get_config()), keras.models.model_from_json(m.to_json())):
            rebuilt.set_weights(m.get_weights())
            x = [np.ones((2, 3), np.float32), np.ones((2, 2), np.float32)] if m.name == "two" else \
                np.linspace(-1, 1, 2 * m.inputs[0].shape[1], dtype=np.float32).reshape(2, -1)
            if m.name == "two":
                x = {"a": x[0], "b": x[1]}
            out.append([type(rebuilt).__name__, rebuilt.name, [layer.name for layer in rebuilt.layers],
                        [w.shape for w in rebuilt.weights], rebuilt(x), rebuilt.get_config() == m.get_config()])
    return out


@case(AREA, "to_json: module, class, build and compile config of functional and Sequential models")
def model_to_json(tf: Any) -> Any:
    import json

    keras = _fresh(tf)
    x = keras.Input((4,), name="x")
    functional = keras.Model(x, keras.layers.Dense(2)(x))
    seq = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    out = [json.loads(functional.to_json()), json.loads(seq.to_json())]
    seq.compile(optimizer="adam", loss="mse", metrics=["mae", keras.metrics.RootMeanSquaredError()])
    functional.compile(optimizer=keras.optimizers.SGD(0.1), loss=keras.losses.Huber(delta=2.0))
    out += [json.loads(seq.to_json())["compile_config"], json.loads(functional.to_json())["compile_config"],
            functional.to_json(indent=1)[:80]]
    seq.compile(optimizer="sgd", loss=keras.losses.MSE, metrics=[keras.metrics.MSE, "mae"])
    out += [json.loads(seq.to_json())["compile_config"], seq.get_compile_config()["loss"]]
    return out


@case(AREA, "losses.serialize / metrics.serialize: instances, functions and names in Keras's form")
def loss_metric_serialize(tf: Any) -> Any:
    keras = _fresh(tf)
    return [keras.losses.serialize(keras.losses.MeanSquaredError(name="x", reduction="sum")),
            keras.losses.serialize(keras.losses.MSE), keras.losses.serialize("mse"),
            keras.metrics.serialize(keras.metrics.Mean(name="m")), keras.metrics.serialize(keras.metrics.MSE),
            keras.losses.deserialize(keras.losses.serialize(keras.losses.Huber(delta=3.0))).get_config(),
            keras.metrics.deserialize(keras.metrics.serialize(keras.metrics.Mean(name="m"))).name]


@case(AREA, "a Model subclass whose __init__ calls super().__init__(inputs, outputs) is a functional model")
def subclass_built_functionally(tf: Any) -> Any:
    keras = _fresh(tf)
    keras.utils.set_random_seed(3)

    class Scorer(keras.Model):
        def __init__(self, units: int = 2, **kwargs: Any) -> None:
            inputs = keras.Input((4,))
            super().__init__(inputs, keras.layers.Dense(units)(inputs), **kwargs)
            self.units = units

    class Plain(keras.Model):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)

    m = Scorer(3, name="mine")
    i = keras.Input((2,))
    p = Plain(i, keras.layers.Dense(1)(i))
    q = Plain.from_config(p.get_config())
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    return [type(m).__name__, isinstance(m, keras.Model), m.name, m.output_shape, m(x), m.get_config(),
            _summary(m), type(p).__name__, p.name, p.get_config(), type(q).__name__,
            [layer.name for layer in q.layers], m.units]


@case(AREA, "model.save / load_model of a .keras file: entries, metadata keys, graph, weights, optimizer state; "
            "bad extensions and missing files")
def keras_file_round_trip(tf: Any) -> Any:
    import json
    import os
    import tempfile
    import zipfile

    keras = _fresh(tf)
    keras.utils.set_random_seed(1)
    x = keras.Input((4,), name="x")
    model = keras.Model(x, keras.layers.Dense(2, name="out")(keras.layers.Dense(3, activation="relu")(x)), name="fm")
    model.compile(keras.optimizers.Adam(0.01), "mse", metrics=["mae"])
    model.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0, epochs=2)
    seq = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            model.save("m.keras")
            keras.models.save_model(seq, "s.keras")
            with zipfile.ZipFile("m.keras") as archive:
                entries = [(i.filename, i.compress_type) for i in archive.infolist()]
                metadata = sorted(json.loads(archive.read("metadata.json")))
                config = json.loads(archive.read("config.json"))
            loaded = keras.models.load_model("m.keras")
            loaded_seq = keras.models.load_model("s.keras")
            probe = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
            out = [entries, metadata, config, type(loaded).__name__, loaded.name, [la.name for la in loaded.layers],
                   loaded.optimizer.iterations, loaded.loss, [v.shape for v in loaded.optimizer.variables],
                   loaded.predict(probe, verbose=0), type(loaded_seq).__name__, loaded_seq.compiled,
                   keras.models.load_model("m.keras", compile=False).optimizer,
                   attempt(model.save, "m.tf"), attempt(model.save, "m"), attempt(keras.models.load_model, "no.keras"),
                   attempt(keras.models.load_model, "m.xyz")]
            loaded.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)
            out += [loaded.optimizer.iterations, loaded.predict(probe, verbose=0)]
        finally:
            os.chdir(here)
    return out


@case(AREA, "symbolic calls: output-shape errors wrapped with the call's arguments, list shapes from "
            "compute_output_shape, TrackedList attributes")
def symbolic_call_details(tf: Any) -> Any:
    keras = _fresh(tf)

    class Grow(keras.layers.Layer):
        def compute_output_shape(self, shape: Any) -> Any:
            return [shape[0], 3]

        def call(self, x: Any) -> Any:
            return keras.ops.concatenate([x, x[:, :1]], axis=1)

    class Split(keras.layers.Layer):
        def compute_output_shape(self, shape: Any) -> Any:
            return [[shape[0], 2], (shape[0], 1)]

        def call(self, x: Any) -> Any:
            return [x[:, :2], x[:, :1]]

    class Holder(keras.layers.Layer):
        def __init__(self) -> None:
            super().__init__()
            self.items = [keras.layers.Dense(1)]

    return [attempt(keras.layers.Cropping2D(2), keras.Input((4, 4, 1))),
            attempt(keras.layers.MaxPooling2D(3), keras.Input((4, 2, 1))),
            Grow()(keras.Input((2,))).shape, [t.shape for t in Split()(keras.Input((2,)))],
            type(Holder().items).__name__]
