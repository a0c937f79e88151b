"""`tf.keras.losses`: loss classes and their function forms under TF 2.21's names."""
