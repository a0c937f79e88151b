"""`tf.keras.datasets`: the small datasets Keras downloads and caches (sharing Keras's cache)."""

from tfshim.keras.datasets import boston_housing, cifar10, cifar100, fashion_mnist, imdb, mnist, reuters

__all__ = ["boston_housing", "cifar10", "cifar100", "fashion_mnist", "imdb", "mnist", "reuters"]
