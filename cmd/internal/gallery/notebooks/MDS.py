# [MDS-01]
mnist = input_data.read_data_sets("/tmp/data/", one_hot=True)

# [MDS-02]
images, labels = mnist.train.next_batch(10)

# [MDS-03]
print images[0]
