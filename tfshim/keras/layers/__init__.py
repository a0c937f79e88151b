"""`tf.keras.layers`: the layer base class and the built-in layers, one family per subpackage
(core, activations, merging, reshaping, regularization, convolutional, pooling, normalization), as
Keras 3 lays them out."""
