"""`tf.keras.utils`: set_random_seed, to_categorical, normalize, get_file."""
