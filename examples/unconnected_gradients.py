"""Unconnected gradients: what `tape.gradient` returns for a source the target does not use.

The classic tutorial program, written so it runs correctly. Run it with TensorFlow or with tfshim:

    python examples/unconnected_gradients.py

On real TensorFlow (`import tensorflow as tf`) it prints exactly the same lines: the recording in
examples/expected/unconnected_gradients.txt was made that way (conformance/record_examples.py).

`f` depends on `x` and `y` but not on `z`. With the default `UnconnectedGradients.NONE`, the gradient
for `z` is `None`; with `UnconnectedGradients.ZERO` it is zeros of `z`'s shape and dtype.

The trap this program avoids: a default (non-persistent) tape can compute only one set of gradients.
Calling `tape.gradient` a second time on it raises
`RuntimeError: A non-persistent GradientTape can only be used to compute one set of gradients
(or jacobians)`. The tutorial pattern of asking twice therefore needs `persistent=True`.
"""

import tfshim as tf

x = tf.Variable(2.0, name="x")
y = tf.Variable(3.0, name="y")
z = tf.Variable([1.0, 2.0], name="z")

with tf.GradientTape(persistent=True) as tape:  # persistent: we ask for gradients twice
    f = x + y

print("f =", f.numpy())
print("df/dx, df/dy:", [g.numpy() for g in tape.gradient(f, [x, y])])

# NONE (the default): z does not influence f, so its gradient is None.
print("df/dz with NONE:", tape.gradient(f, z))
print("df/dz with NONE (explicit):", tape.gradient(f, z, unconnected_gradients=tf.UnconnectedGradients.NONE))

# ZERO: zeros shaped like z, handy when every source needs a tensor (e.g. optimizer updates).
print("df/dz with ZERO:", tape.gradient(f, z, unconnected_gradients=tf.UnconnectedGradients.ZERO))
print("df/dz with 'zero':", tape.gradient(f, z, unconnected_gradients="zero"))

# All sources at once: connected ones get their gradient, the unconnected one None or zeros.
print("NONE, all sources:", tape.gradient(f, [x, y, z]))
print("ZERO, all sources:", tape.gradient(f, [x, y, z], unconnected_gradients=tf.UnconnectedGradients.ZERO))

del tape  # a persistent tape holds its recording until it is deleted
