# [TRL-02]
# (no notebook: the TF1 code this program ports)
# the CNN of [CNN-02] .. [CNN-04], then
conv_vars = [W_conv1, b_conv1, W_conv2, b_conv2]
fc_vars = [w2, b2, w0, b0]

t = tf.placeholder(tf.float32, [None, 10])
loss = -tf.reduce_sum(t * tf.log(p))
var_list = fc_vars if transfer else None
train_step = tf.train.AdamOptimizer(0.0001).minimize(loss, var_list=var_list)
correct_prediction = tf.equal(tf.argmax(p, 1), tf.argmax(t, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

sess = tf.Session()
sess.run(tf.global_variables_initializer())
if transfer:
    saver = tf.train.Saver(conv_vars)
    saver.restore(sess, checkpoint)

# [TRL-03]
for i in range(1, steps+1):
    sess.run(train_step,
             feed_dict={x:train_x, t:train_t, keep_prob:0.5})
    if i % eval_every == 0:
        loss_val, acc_val = sess.run([loss, accuracy],
            feed_dict={x:test_x, t:test_t, keep_prob:1.0})
        print ('Step: %d, Loss: %f, Accuracy: %f'
               % (i, loss_val, acc_val))
