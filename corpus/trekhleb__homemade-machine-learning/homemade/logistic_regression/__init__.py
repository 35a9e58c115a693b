"""Logistic Regression Module"""

from .logistic_regression import LogisticRegression
