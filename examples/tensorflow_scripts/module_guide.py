# The tf.Module guide: layers and models as modules, variables, submodules, checkpoint-free inspection.
import tensorflow as tf


class Dense(tf.Module):
    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.random.stateless_normal([in_features, out_features], seed=[1, 2]), name="w")
        self.b = tf.Variable(tf.zeros([out_features]), name="b")

    def __call__(self, x):
        y = tf.matmul(x, self.w) + self.b
        return tf.nn.relu(y)


class SequentialModule(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = Dense(in_features=3, out_features=3)
        self.dense_2 = Dense(in_features=3, out_features=2)

    def __call__(self, x):
        x = self.dense_1(x)
        return self.dense_2(x)


my_model = SequentialModule(name="the_model")
print("Model results:", my_model(tf.constant([[2.0, 2.0, 2.0]])))
print("Submodules:", [type(m).__name__ for m in my_model.submodules])
for var in my_model.variables:
    print(var.name, var.shape, var.dtype.name, var.trainable)
print(my_model.name, my_model.dense_1.name, len(my_model.trainable_variables))


class FlexibleDenseModule(tf.Module):
    def __init__(self, out_features, name=None):
        super().__init__(name=name)
        self.is_built = False
        self.out_features = out_features

    def __call__(self, x):
        if not self.is_built:
            self.w = tf.Variable(tf.random.stateless_uniform([x.shape[-1], self.out_features], seed=[3, 4]),
                                 name="w")
            self.b = tf.Variable(tf.zeros([self.out_features]), name="b")
            self.is_built = True
        return tf.matmul(x, self.w) + self.b


class MySequentialModule(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = FlexibleDenseModule(out_features=3)
        self.dense_2 = FlexibleDenseModule(out_features=2)

    def __call__(self, x):
        x = self.dense_1(x)
        return self.dense_2(x)


flex = MySequentialModule(name="flex")
print("Model results:", flex(tf.constant([[2.0, 2.0, 2.0]])))
print([v.name for v in flex.trainable_variables])

with tf.name_scope("scoped"):
    scoped = Dense(2, 2, name="inner")
print([v.name for v in scoped.variables])


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.Variable(0, trainable=False, name="count")
        self.scale = tf.Variable(2.0, name="scale")
        self.layers = [Dense(2, 2, name="a"), Dense(2, 1, name="b")]
        self.table = {"x": tf.Variable([1.0, 2.0], name="x")}

    @tf.Module.with_name_scope
    def __call__(self, x):
        self.count.assign_add(1)
        for layer in self.layers:
            x = layer(x)
        return x * self.scale


c = Counter()
print(c.name, len(c.variables), len(c.trainable_variables), len(c.submodules))
print(sorted(v.name for v in c.trainable_variables))
x = tf.constant([[1.0, -1.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(c(x))
grads = tape.gradient(y, c.trainable_variables)
for v, g in zip(c.trainable_variables, grads):
    print(v.name, None if g is None else g.numpy().round(5).tolist())
print(c.count.numpy())
