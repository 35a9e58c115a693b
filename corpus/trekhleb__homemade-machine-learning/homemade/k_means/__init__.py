"""KMeans Module"""

from .k_means import KMeans
