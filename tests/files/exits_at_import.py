import sys

import numpy as np


def compute_dZ2(A2, Y):
    return A2 - Y


sys.exit(3)
