import numpy as np
import tensorflow as tf


def compute_dZ2(A2, Y):
    return A2 - Y
