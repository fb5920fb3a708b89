import numpy


def compute_dZ2(A2, Y):
    return A2 - Y


W = np.zeros((2, 2))
