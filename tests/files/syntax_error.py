import numpy as np


def compute_dZ2(A2, Y):
    dZ2 = A2 - Y
      return dZ2
