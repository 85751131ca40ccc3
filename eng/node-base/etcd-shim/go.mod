module kiln.test/etcd-shim

go 1.19
