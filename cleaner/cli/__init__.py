"""The command line: thin click commands over the pure core and the I/O layer."""
