# [LSE-02]
x = tf.placeholder(tf.float32, [None, 5])

# [LSE-03]
w = tf.Variable(tf.zeros([5, 1]))

# [LSE-04]
y = tf.matmul(x, w)

# [LSE-05]
t = tf.placeholder(tf.float32, [None, 1])

# [LSE-06]
loss = tf.reduce_sum(tf.square(y-t))

# [LSE-07]
train_step = tf.train.AdamOptimizer().minimize(loss)

# [LSE-10]
i = 0
for _ in range(100000):
    i += 1
    sess.run(train_step, feed_dict={x:train_x, t:train_t})
    if i % 10000 == 0:
        loss_val = sess.run(loss, feed_dict={x:train_x, t:train_t})
        print ('Step: %d, Loss: %f' % (i, loss_val))
