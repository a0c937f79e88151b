"""`tf.keras.random`: SeedGenerator and Keras's random ops (stateless TF ops underneath)."""
