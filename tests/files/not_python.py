This is my essay about backpropagation. It is not Python code.
