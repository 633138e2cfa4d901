"""Model: pipeline, training with grouped CV, evaluation, verified artifacts, explanations."""
