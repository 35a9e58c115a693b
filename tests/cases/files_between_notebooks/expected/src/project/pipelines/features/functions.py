"""Functions and classes defined in `01_features.ipynb` (copied by nb2pipe)."""


def scaled(frame, column, *, SCALE):
    frame[column] = frame[column] * SCALE
    return frame
