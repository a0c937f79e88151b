# A GAN-style loop: a generator and a discriminator, each with its own optimizer and its own tape.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(1234)
latent_dim = 4

generator = tf.keras.Sequential([
    tf.keras.Input(shape=(latent_dim,)),
    tf.keras.layers.Dense(8),
    tf.keras.layers.LeakyReLU(negative_slope=0.2),
    tf.keras.layers.Dense(2, activation="tanh"),
], name="generator")
discriminator = tf.keras.Sequential([
    tf.keras.Input(shape=(2,)),
    tf.keras.layers.Dense(8, activation="relu"),
    tf.keras.layers.Dense(1),
], name="discriminator")

cross_entropy = tf.keras.losses.BinaryCrossentropy(from_logits=True)
g_optimizer = tf.keras.optimizers.Adam(1e-3, beta_1=0.5)
d_optimizer = tf.keras.optimizers.RMSprop(5e-3)

rng = np.random.RandomState(3)
real_data = (rng.randn(32, 2) * 0.1 + np.array([0.5, -0.5])).astype(np.float32)


def train_step(real):
    noise = tf.random.normal([real.shape[0], latent_dim])
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = generator(noise, training=True)
        real_output = discriminator(real, training=True)
        fake_output = discriminator(fake, training=True)
        gen_loss = cross_entropy(tf.ones_like(fake_output), fake_output)
        disc_loss = (cross_entropy(tf.ones_like(real_output), real_output)
                     + cross_entropy(tf.zeros_like(fake_output), fake_output))
    gen_grads = gen_tape.gradient(gen_loss, generator.trainable_variables)
    disc_grads = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
    g_optimizer.apply_gradients(zip(gen_grads, generator.trainable_variables))
    d_optimizer.apply_gradients(zip(disc_grads, discriminator.trainable_variables))
    return gen_loss, disc_loss


for step in range(10):
    batch = real_data[(step % 4) * 8:(step % 4 + 1) * 8]
    g, d = train_step(batch)
    print(f"step {step}: gen {float(g):.6f} disc {float(d):.6f}")

print(int(g_optimizer.iterations), int(d_optimizer.iterations))
print(len(g_optimizer.variables), len(d_optimizer.variables))
samples = generator(tf.random.stateless_normal([3, latent_dim], seed=[0, 1]))
print(np.round(samples.numpy(), 5))
print(tf.sigmoid(discriminator(real_data[:3])).shape)
print(generator.name, discriminator.name, [layer.name for layer in generator.layers])
