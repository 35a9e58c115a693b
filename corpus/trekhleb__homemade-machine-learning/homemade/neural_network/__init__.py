"""Neural Network Module"""

from .multilayer_perceptron import MultilayerPerceptron
